import nodemailer from "nodemailer";
import type { EmailRelay } from "./config";
import type { RenderedEmail } from "./render";

export interface OutgoingEmail {
  relay: EmailRelay;
  /** The relay password, opened from the channel's sealed credential; null when it has none. */
  password: string | null;
  /** A mailbox, or one written out (`Parley <no-reply@example.com>`, SMTP_FROM). */
  from: { name: string; address: string } | string;
  to: string;
  subject: string;
  /** Bare Message-ID, derived from the delivery: a retry sends the same id, so receivers de-duplicate. */
  messageId: string;
  /** The mail it answers and the thread (bare ids, oldest first): mail clients thread on these. */
  inReplyTo: string | null;
  references: string[];
  body: RenderedEmail;
  /** Files sent along (a scheduled report's CSV). */
  attachments?: { filename: string; content: string; contentType: string }[];
  /**
   * RFC 3834: a reply to a customer is `auto-replied`; mail nobody wrote in answer to anything (a
   * scheduled report) is `auto-generated`. Either way, receivers' autoresponders stay quiet.
   */
  autoSubmitted?: "auto-replied" | "auto-generated";
}

/**
 * A relay and its password from an SMTP URL (`smtp://user:pass@host:587`, `smtps://…:465`), the
 * deployment's own outgoing mail (SMTP_URL), so it goes out the same way as channel mail.
 */
export function relayFromUrl(url: string): { relay: EmailRelay; password: string | null } {
  const parsed = new URL(url);
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") throw new Error(`an SMTP URL starts with smtp:// or smtps://, not ${parsed.protocol}`);
  const secure = parsed.protocol === "smtps:";
  return {
    relay: { host: parsed.hostname, port: parsed.port ? Number(parsed.port) : secure ? 465 : 587, secure, user: parsed.username ? decodeURIComponent(parsed.username) : null },
    password: parsed.password ? decodeURIComponent(parsed.password) : null,
  };
}

/** A relay's refusal that no retry changes (5xx), or a retryable one (4xx, no answer, connection). */
export class RelayError extends Error {
  override name = "RelayError";
  constructor(
    message: string,
    readonly permanent: boolean,
    readonly responseCode: number | null,
  ) {
    super(message);
  }
}

/** How long a relay may take at each stage before the attempt counts as failed (and is retried). */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** Sends one email through the channel's relay (nodemailer SMTP), one connection per send. */
export async function sendEmail(email: OutgoingEmail): Promise<{ response: string }> {
  const transport = nodemailer.createTransport({
    host: email.relay.host,
    port: email.relay.port,
    secure: email.relay.secure,
    ...(email.relay.user ? { auth: { user: email.relay.user, pass: email.password ?? "" } } : {}),
    ...TIMEOUTS,
  });
  try {
    const info = await transport.sendMail({
      from: typeof email.from === "string" ? email.from : { name: email.from.name, address: email.from.address },
      to: email.to,
      subject: email.subject,
      messageId: `<${email.messageId}>`,
      ...(email.inReplyTo ? { inReplyTo: `<${email.inReplyTo}>` } : {}),
      ...(email.references.length > 0 ? { references: email.references.map((id) => `<${id}>`) } : {}),
      text: email.body.text,
      html: email.body.html,
      ...(email.attachments?.length ? { attachments: email.attachments } : {}),
      headers: { "Auto-Submitted": email.autoSubmitted ?? "auto-replied" },
    });
    return { response: String(info.response ?? "") };
  } catch (err) {
    throw relayError(err);
  } finally {
    transport.close();
  }
}

function relayError(err: unknown): RelayError {
  const { responseCode, response, message } = (err ?? {}) as { responseCode?: unknown; response?: unknown; message?: unknown };
  const code = typeof responseCode === "number" ? responseCode : null;
  const text = typeof response === "string" && response ? response : typeof message === "string" ? message : String(err);
  // 5xx is the relay's final word (unknown mailbox, refused sender, bad credentials); the rest is transient.
  return new RelayError(`the relay ${code ? `answered ${code}` : "failed"}: ${text}`.slice(0, 500), code !== null && code >= 500, code);
}
