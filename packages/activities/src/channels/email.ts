import { domainOf, outboundTextOf, parseChannelConfig, renderEmail, replySubject, sendEmail, RelayError } from "@parley/channels";
import { openCredential, rejected, type Delivered, type DeliveryContext } from "./delivery-context";
import type { DeliveryChannel, DeliveryMessage } from "./delivery-types";

/** The subject of the first mail of a conversation that moved to email from another channel. */
const CONTINUED_SUBJECT = "Your conversation continues by email";

/** References a reply carries: the thread's latest ids (mail clients need the chain, not all of it). */
const MAX_REFERENCES = 20;

/** The Message-ID of a delivery: the same on every retry, so a receiver that got it twice shows it once. */
export function deliveryMessageId(deliveryId: string, fromAddress: string): string {
  return `${deliveryId.replace(/[^A-Za-z0-9.-]/g, "-")}@${domainOf(fromAddress)}`;
}

/**
 * One turn's messages as one email to the conversation's contact: From the channel's address,
 * threaded under the conversation's earlier mails (In-Reply-To the latest, References the
 * chain), through the channel's relay. The sent Message-ID is remembered so the customer's reply
 * to it threads back. A relay's 5xx is final (rejected), anything else is retried by the workflow.
 */
export async function deliverEmail(ctx: DeliveryContext, channel: DeliveryChannel, messages: DeliveryMessage[], deliveryId: string): Promise<Delivered> {
  const db = ctx.db;
  const config = parseChannelConfig("email", channel.config);
  const conversationId = messages[0]!.conversationId;
  if (!config.address) throw rejected("the email channel has no address to send from: set it in Settings → Channels");
  if (!config.relay) throw rejected("the email channel has no relay: set one in Settings → Channels");
  const contact = await db.conversation.findUnique({ where: { id: conversationId }, select: { contact: { select: { email: true } } } });
  const to = contact?.contact.email;
  if (!to) throw rejected("the conversation's contact has no email address");
  const password = openCredential(ctx, channel);
  const thread = await db.channelMessageRef.findMany({ where: { conversationId, workspaceChannelId: channel.id }, orderBy: { createdAt: "asc" }, select: { externalId: true, subject: true } });
  const messageId = deliveryMessageId(deliveryId, config.address);
  const earlier = thread.map((ref) => ref.externalId).filter((id) => id !== messageId);
  try {
    const sent = await sendEmail({
      relay: config.relay,
      password,
      from: { name: config.fromName, address: config.address },
      to,
      // No mail yet on this channel: a conversation that moved here from another channel starts a thread.
      subject: thread.length === 0 ? CONTINUED_SUBJECT : replySubject(thread.find((ref) => ref.subject)?.subject),
      messageId,
      inReplyTo: earlier.at(-1) ?? null,
      references: earlier.slice(-MAX_REFERENCES),
      body: renderEmail(messages.map(outboundTextOf)),
    });
    const key = { workspaceChannelId: channel.id, externalId: messageId };
    await db.channelMessageRef.upsert({ where: { workspaceChannelId_externalId: key }, create: { ...key, conversationId }, update: {}, select: { conversationId: true } });
    return { detail: sent.response };
  } catch (err) {
    if (err instanceof RelayError && err.permanent) throw rejected(err.message);
    throw err;
  }
}
