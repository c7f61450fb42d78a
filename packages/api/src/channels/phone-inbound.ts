import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { sendCustomerMessage } from "@parley/workflows/client";
import { MAX_MESSAGE_LENGTH } from "@parley/workflows/contracts";
import { pickOption } from "@parley/channels";
import type { ApiServices } from "../context";
import { allowsChannel, channelNotAllowed, openConversation, publishedFlows } from "../routers/conversation-start";
import { toTrpcError } from "../temporal-errors";
import { normalizePhone } from "../contacts/identities";
import { offeredOptions, storeAttachments, type InboundFile, type SealBytes } from "./inbound-common";

/** A channel customers reach by phone number (Twilio SMS/WhatsApp, WhatsApp Cloud API). */
export interface PhoneChannel {
  id: string;
  workspaceId: string;
  flowId: string | null;
}

/** One customer message from a provider's webhook, channel-free. */
export interface PhoneMessage {
  medium: "sms" | "whatsapp";
  /** The provider's message id (MessageSid, wamid): the idempotency key. */
  externalId: string;
  /** The sender's address on the provider (replies go there) and its E.164 number (the contact's identity). */
  sender: string;
  phone: string;
  name: string | null;
  text: string;
  /** A tapped button or list row: the option's number ("2"). */
  choice: string | null;
  /** Downloads the message's files; called once, only for a message not taken before. */
  files: () => Promise<InboundFile[]>;
}

const clientMessageIdOf = (medium: string, externalId: string) => `${medium}-${createHash("sha256").update(externalId).digest("base64url").slice(0, 40)}`;

/** The contact's live conversation on this channel: a customer's next text continues it. */
async function liveConversation(services: ApiServices, channel: PhoneChannel, phone: string): Promise<string | null> {
  const identity = await services.db.contactIdentity.findUnique({ where: { workspaceId_kind_value: { workspaceId: channel.workspaceId, kind: "phone", value: phone } }, select: { contactId: true } });
  if (!identity) return null;
  const conversation = await services.db.conversation.findFirst({
    where: { workspaceChannelId: channel.id, contactId: identity.contactId, status: { in: ["active", "handoff"] } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  return conversation?.id ?? null;
}

async function remember(services: ApiServices, channel: PhoneChannel, conversationId: string, message: PhoneMessage): Promise<void> {
  const key = { workspaceChannelId: channel.id, externalId: message.externalId };
  await services.db.channelMessageRef.upsert({ where: { workspaceChannelId_externalId: key }, create: { ...key, conversationId, sender: message.sender }, update: {}, select: { conversationId: true } });
}

/**
 * Takes one customer message from a phone channel into a conversation: the sender's live
 * conversation on this channel continues, otherwise one opens on the channel's flow for the
 * contact known by that number (on any channel). A provider that posts the same message again
 * (its id is remembered, and is the update id) adds nothing. A number or a tapped option maps
 * to the option the bot offered. Throws TRPCErrors like receiveEmail (PRECONDITION_FAILED: no
 * published flow; others are transient and the provider retries).
 */
export async function receivePhoneMessage(services: ApiServices, channel: PhoneChannel, message: PhoneMessage, seal: SealBytes): Promise<{ conversationId: string; opened: boolean }> {
  const db = services.db;
  const phone = normalizePhone(message.phone);
  const known = await db.channelMessageRef.findUnique({ where: { workspaceChannelId_externalId: { workspaceChannelId: channel.id, externalId: message.externalId } }, select: { conversationId: true } });
  // Before anything opens: a download that fails leaves nothing behind, and the provider retries.
  const files = known ? [] : await message.files();
  let conversationId = known?.conversationId ?? (await liveConversation(services, channel, phone));
  const opened = conversationId === null;
  if (conversationId === null) {
    const inWorkspace = { ...services, workspaceId: channel.workspaceId };
    const [published] = channel.flowId ? await publishedFlows(inWorkspace, channel.flowId) : [];
    if (!published) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `this ${message.medium} channel's flow is not published` });
    if (!allowsChannel(published, message.medium)) throw channelNotAllowed(published, message.medium);
    const started = await openConversation(inWorkspace, published, message.medium, { phone, ...(message.name ? { name: message.name } : {}) }, channel.id);
    conversationId = started.conversationId;
    await remember(services, channel, conversationId, message);
    if (started.opening.status !== "active" && started.opening.status !== "handoff") return { conversationId, opened };
  }
  const options = opened ? [] : await offeredOptions(services, conversationId);
  const picked = options.length > 0 ? pickOption(message.choice ?? message.text, options) : null;
  const text = (picked ?? (message.text || (files.length > 0 ? `[sent ${files.map((file) => file.fileName).join(", ")}]` : "(empty message)"))).slice(0, MAX_MESSAGE_LENGTH);
  const clientMessageId = clientMessageIdOf(message.medium, message.externalId);
  let accepted: { id: string } | undefined;
  try {
    const turn = await sendCustomerMessage(services.temporal.workflow.getHandle(conversationId), { text, clientMessageId }, { updateId: `message-${clientMessageId}` });
    accepted = turn.accepted;
  } catch (err) {
    const error = toTrpcError(err);
    // Posted again after it was taken (the options have moved on since): it is in already.
    if (known && error.code === "CONFLICT") return { conversationId, opened: false };
    throw error;
  }
  const stored = accepted ? await db.messageAttachment.count({ where: { conversationId, messageId: accepted.id } }) : 0;
  if (stored === 0) await storeAttachments(services, conversationId, accepted?.id ?? null, files, seal);
  await remember(services, channel, conversationId, message);
  return { conversationId, opened };
}

/** How far a delivery has got: a late or repeated callback never moves it back. */
const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, failed: 2 };

/**
 * A provider's status callback about one of our messages (Twilio MessageStatus, a WhatsApp
 * status): the Message rows of the delivery it went out in follow it. Unknown ids are ignored
 * (a message sent before this channel kept them).
 */
export async function recordDeliveryStatus(services: ApiServices, channelId: string, externalId: string, status: "sent" | "delivered" | "failed", error: string | null): Promise<boolean> {
  const ref = await services.db.channelMessageRef.findUnique({ where: { workspaceChannelId_externalId: { workspaceChannelId: channelId, externalId } }, select: { deliveryId: true, conversationId: true } });
  if (!ref?.deliveryId) return false;
  const rows = await services.db.message.findMany({ where: { deliveryId: ref.deliveryId, conversationId: ref.conversationId }, select: { id: true, deliveryStatus: true } });
  const behind = rows.filter((row) => (RANK[row.deliveryStatus ?? "queued"] ?? 0) < RANK[status]!).map((row) => row.id);
  if (behind.length === 0) return false;
  await services.db.message.updateMany({ where: { id: { in: behind } }, data: { deliveryStatus: status, deliveryError: status === "failed" ? (error ?? "the provider could not deliver it").slice(0, 500) : undefined } });
  return true;
}
