import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { sendCustomerMessage } from "@parley/workflows/client";
import { MAX_MESSAGE_LENGTH, type TranscriptMessage } from "@parley/workflows/contracts";
import { apiMessageRef, apiThreadRef, cleanOptions, pickOption, type ApiInboundMessage } from "@parley/channels";
import type { ApiServices } from "../context";
import { allowsChannel, channelNotAllowed, openConversation, publishedFlows } from "../routers/conversation-start";
import { toTrpcError } from "../temporal-errors";
import { offeredOptions } from "./inbound-common";
import type { PhoneChannel } from "./phone-inbound";

/** A bot or agent answer as the synchronous response lists it (the same words the callback gets). */
export interface ApiReply {
  id: string;
  author: string;
  text: string;
  options?: string[];
  createdAt: string;
}

export interface ApiReceived {
  conversationId: string;
  /** The customer's message as stored; null when the conversation ended with its opening. */
  messageId: string | null;
  replies: ApiReply[];
}

const replyOf = (message: TranscriptMessage): ApiReply => {
  const options = cleanOptions(message.meta?.quickReplies);
  return { id: message.id, author: message.author, text: message.text, ...(options.length > 0 ? { options } : {}), createdAt: message.createdAt };
};
const answers = (messages: readonly TranscriptMessage[]) => messages.filter((message) => message.author !== "contact").map(replyOf);

/** The conversation an external thread continues: the one remembered for it while it is live. */
async function liveThread(services: ApiServices, channelId: string, thread: string): Promise<string | null> {
  const ref = await services.db.channelMessageRef.findUnique({
    where: { workspaceChannelId_externalId: { workspaceChannelId: channelId, externalId: apiThreadRef(thread) } },
    select: { conversation: { select: { id: true, status: true } } },
  });
  return ref && (ref.conversation.status === "active" || ref.conversation.status === "handoff") ? ref.conversation.id : null;
}

/** Remembers an external id (the thread, or a message) for the conversation; the thread follows its newest one. */
async function remember(services: ApiServices, channelId: string, externalId: string, conversationId: string): Promise<void> {
  const key = { workspaceChannelId: channelId, externalId };
  await services.db.channelMessageRef.upsert({ where: { workspaceChannelId_externalId: key }, create: { ...key, conversationId }, update: { conversationId }, select: { conversationId: true } });
}

/** The message's words: its text, with the links of what it shared (Parley does not fetch them). */
function textOf(message: ApiInboundMessage["message"]): string {
  const links = (message.attachments ?? []).map((file) => (file.name ? `${file.name}: ${file.url}` : file.url));
  return [message.text.trim(), ...links].filter(Boolean).join("\n") || "(empty message)";
}

/**
 * Takes one message from a custom (API) channel: the external thread's live conversation
 * continues, otherwise one opens on the channel's flow for the contact the sender's external id
 * (and email/phone) resolve to. The external message id is remembered and is the update id, so
 * a retried post stores nothing new and answers with the same replies. Throws TRPCErrors like
 * receivePhoneMessage (PRECONDITION_FAILED: no published flow; others are transient).
 */
export async function receiveApiMessage(services: ApiServices, channel: PhoneChannel, posted: ApiInboundMessage): Promise<ApiReceived> {
  const messageRef = apiMessageRef(posted.message.id);
  const known = await services.db.channelMessageRef.findUnique({ where: { workspaceChannelId_externalId: { workspaceChannelId: channel.id, externalId: messageRef } }, select: { conversationId: true } });
  let conversationId = known?.conversationId ?? (await liveThread(services, channel.id, posted.conversation));
  const replies: ApiReply[] = [];
  if (conversationId === null) {
    const inWorkspace = { ...services, workspaceId: channel.workspaceId };
    const [published] = channel.flowId ? await publishedFlows(inWorkspace, channel.flowId) : [];
    if (!published) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this API channel's flow is not published" });
    if (!allowsChannel(published, "api")) throw channelNotAllowed(published, "api");
    const { sender } = posted;
    const facts = { externalId: sender.id, ...(sender.name ? { name: sender.name } : {}), ...(sender.email ? { email: sender.email } : {}), ...(sender.phone ? { phone: sender.phone } : {}) };
    const started = await openConversation(inWorkspace, published, "api", facts, channel.id);
    conversationId = started.conversationId;
    await remember(services, channel.id, apiThreadRef(posted.conversation), conversationId);
    await remember(services, channel.id, messageRef, conversationId);
    replies.push(...answers(started.opening.replies));
    if (started.opening.status !== "active" && started.opening.status !== "handoff") return { conversationId, messageId: null, replies };
  }
  const options = replies.length > 0 ? [] : await offeredOptions(services, conversationId);
  const text = (pickOption(posted.message.text, options) ?? textOf(posted.message)).slice(0, MAX_MESSAGE_LENGTH);
  const clientMessageId = `api-${createHash("sha256").update(`${channel.id}\n${posted.message.id}`).digest("base64url").slice(0, 40)}`;
  try {
    const turn = await sendCustomerMessage(services.temporal.workflow.getHandle(conversationId), { text, clientMessageId }, { updateId: `message-${clientMessageId}` });
    await remember(services, channel.id, messageRef, conversationId);
    return { conversationId, messageId: turn.accepted?.id ?? null, replies: [...replies, ...answers(turn.replies)] };
  } catch (err) {
    const error = toTrpcError(err);
    // Posted again after it was taken (the options have moved on since): it is in already.
    if (known && error.code === "CONFLICT") return { conversationId, messageId: null, replies: [] };
    throw error;
  }
}
