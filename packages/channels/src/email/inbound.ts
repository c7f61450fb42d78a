import type { Readable } from "node:stream";
import { simpleParser, type AddressObject } from "mailparser";
import EmailReplyParser from "email-reply-parser";
import { bareMessageId, messageIdsOf } from "./addresses";

/** A received email as Parley uses it. */
export interface InboundEmail {
  /** The sender's Message-ID (bare); made up from the content when the mail has none. */
  messageId: string;
  /** In-Reply-To then References, nearest first: the mails it answers. */
  replyTo: string[];
  from: { address: string; name: string | null };
  subject: string | null;
  /** The new words only: quoted history and signature stripped. */
  text: string;
  attachments: { fileName: string; contentType: string; content: Buffer }[];
  /** An automatic mail (out-of-office, a bounce, another bot): answering it could loop forever. */
  automatic: boolean;
}

/** Mail Parley cannot take (no sender, nothing parseable): the SMTP side answers 550 and logs it. */
export class InboundEmailError extends Error {
  override name = "InboundEmailError";
}

export interface InboundLimits {
  /** Attachments larger than this are dropped (named in the text); the message itself is kept. */
  maxAttachmentBytes: number;
  maxAttachments: number;
}

export const DEFAULT_INBOUND_LIMITS: InboundLimits = { maxAttachmentBytes: 10 * 1024 * 1024, maxAttachments: 10 };

function firstAddress(from: AddressObject | AddressObject[] | undefined): { address: string; name: string | null } | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const group of list) {
    for (const entry of group.value) {
      if (entry.address && /^[^@\s]+@[^@\s]+$/.test(entry.address)) return { address: entry.address.toLowerCase(), name: entry.name?.trim() || null };
    }
  }
  return null;
}

/**
 * The new part of a reply: mail clients quote the whole history under "On … wrote:" and add
 * signatures; email-reply-parser (Crisp's maintained port of GitHub's parser) cuts both.
 */
export function stripReply(text: string): string {
  const visible = new EmailReplyParser().parseReply(text.replace(/\r\n/g, "\n"));
  return visible.trim();
}

/**
 * Parses a raw RFC 5322 message (mailparser): sender, threading ids, the visible new text and
 * the attachments within the limits. Throws InboundEmailError for mail with no usable sender.
 */
export async function parseInboundEmail(raw: Buffer | Readable, limits: InboundLimits = DEFAULT_INBOUND_LIMITS): Promise<InboundEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextLinks: true });
  const from = firstAddress(mail.from);
  if (!from) throw new InboundEmailError("the message has no sender address (From)");
  const body = mail.text ?? "";
  const dropped: string[] = [];
  const attachments: InboundEmail["attachments"] = [];
  for (const attachment of mail.attachments) {
    // Inline images of a signature or quoted history are not what the customer sent.
    if (attachment.related) continue;
    const fileName = (attachment.filename ?? "attachment").slice(0, 200);
    if (attachment.size > limits.maxAttachmentBytes || attachments.length >= limits.maxAttachments) {
      dropped.push(fileName);
      continue;
    }
    attachments.push({ fileName, contentType: attachment.contentType || "application/octet-stream", content: attachment.content });
  }
  let text = stripReply(body);
  if (dropped.length > 0) text += `${text ? "\n\n" : ""}[not kept, too large: ${dropped.join(", ")}]`;
  const messageId = mail.messageId ? bareMessageId(mail.messageId) : `${mail.date?.getTime() ?? 0}.${from.address}`;
  const replyTo = [...messageIdsOf(mail.inReplyTo), ...messageIdsOf(mail.references).reverse()];
  const autoSubmitted = String(mail.headers.get("auto-submitted") ?? "no").toLowerCase();
  const automatic = autoSubmitted !== "no" || mail.headers.has("x-autoreply") || /^(mailer-daemon|postmaster)@/.test(from.address);
  return { messageId, replyTo: [...new Set(replyTo)], from, subject: mail.subject?.trim() || null, text, attachments, automatic };
}
