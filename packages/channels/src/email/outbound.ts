import nodemailer from "nodemailer";
import type { EmailRelay } from "./config";
import type { RenderedEmail } from "./render";

export interface OutgoingEmail {
  relay: EmailRelay;
  /** The relay password, opened from the channel's sealed credential; null when it has none. */
  password: string | null;
  from: { name: string; address: string };
  to: string;
  subject: string;
  /** Bare Message-ID, derived from the delivery: a retry sends the same id, so receivers de-duplicate. */
  messageId: string;
  /** The mail it answers and the thread (bare ids, oldest first): mail clients thread on these. */
  inReplyTo: string | null;
  references: string[];
  body: RenderedEmail;
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
      from: { name: email.from.name, address: email.from.address },
      to: email.to,
      subject: email.subject,
      messageId: `<${email.messageId}>`,
      ...(email.inReplyTo ? { inReplyTo: `<${email.inReplyTo}>` } : {}),
      ...(email.references.length > 0 ? { references: email.references.map((id) => `<${id}>`) } : {}),
      text: email.body.text,
      html: email.body.html,
      headers: { "Auto-Submitted": "auto-replied" },
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
