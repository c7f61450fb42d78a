import { createHash } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { sendCustomerMessage } from "@parley/workflows/client";
import { MAX_MESSAGE_LENGTH } from "@parley/workflows/contracts";
import { parseChannelConfig, pickOption, publicIdOfRecipient, type EmailConfig, type InboundEmail } from "@parley/channels";
import type { ApiServices } from "../context";
import { allowsChannel, channelNotAllowed, openConversation, publishedFlows } from "../routers/conversation-start";
import { toTrpcError } from "../temporal-errors";
import { offeredOptions, storeAttachments, type SealBytes } from "./inbound-common";

export type { SealBytes } from "./inbound-common";

/** An email channel a recipient address names. */
export interface EmailChannel {
  id: string;
  workspaceId: string;
  flowId: string | null;
  config: EmailConfig;
}


/**
 * The email channel a recipient reaches: `<public id>@<PARLEY_EMAIL_DOMAIN>`, or a channel whose
 * own address it is (a support mailbox forwarded here). Null: unknown, the SMTP side answers 550.
 */
export async function emailChannelFor(services: ApiServices, recipient: string): Promise<EmailChannel | null> {
  const address = recipient.trim().toLowerCase();
  const publicId = publicIdOfRecipient(address, services.emailDomain);
  const select = { id: true, workspaceId: true, flowId: true, kind: true, config: true } as const;
  const rows = publicId
    ? await services.db.workspaceChannel.findMany({ where: { publicId, kind: "email" }, select })
    : // Few channels are email channels: their own addresses are compared here rather than by a JSON query per engine.
      (await services.db.workspaceChannel.findMany({ where: { kind: "email" }, select, orderBy: { createdAt: "asc" } })).filter(
        (row) => parseChannelConfig("email", row.config).address === address,
      );
  const row = rows[0];
  return row ? { id: row.id, workspaceId: row.workspaceId, flowId: row.flowId, config: parseChannelConfig("email", row.config) } : null;
}

/** Idempotency key of a mail: an MTA that delivers it again (after a lost answer) adds no second message. */
const clientMessageIdOf = (messageId: string) => `email-${createHash("sha256").update(messageId).digest("base64url").slice(0, 40)}`;

/** The words the workflow gets: the visible text, a number or label mapped to the offered option, never empty. */
function customerText(email: InboundEmail, options: readonly string[]): string {
  const picked = options.length > 0 ? pickOption(email.text, options) : null;
  const names = email.attachments.map((attachment) => attachment.fileName);
  const text = picked ?? (email.text || (names.length > 0 ? `[sent ${names.join(", ")}]` : email.subject ?? "(empty message)"));
  return text.slice(0, MAX_MESSAGE_LENGTH);
}

/** The conversation this mail answers on this channel, while it is still live. */
async function threadOf(services: ApiServices, channel: EmailChannel, email: InboundEmail): Promise<string | null> {
  if (email.replyTo.length === 0) return null;
  const refs = await services.db.channelMessageRef.findMany({
    where: { workspaceChannelId: channel.id, externalId: { in: email.replyTo } },
    select: { conversationId: true, conversation: { select: { status: true } } },
    orderBy: { createdAt: "desc" },
  });
  // A reply to a resolved or closed conversation opens a new one on the channel's flow.
  return refs.find((ref) => ref.conversation.status === "active" || ref.conversation.status === "handoff")?.conversationId ?? null;
}

/**
 * Takes one received email into a conversation: a reply (In-Reply-To/References naming a mail of
 * a live conversation on this channel) continues it; anything else opens one on the channel's
 * flow for the sender's contact. The mail's Message-ID is remembered for threading, its
 * attachments stored sealed. Throws TRPCErrors: PRECONDITION_FAILED (no published flow: a
 * permanent refusal), SERVICE_UNAVAILABLE and others (transient: the SMTP side asks the sender to retry).
 */
export async function receiveEmail(services: ApiServices, channel: EmailChannel, email: InboundEmail, seal: SealBytes): Promise<{ conversationId: string; opened: boolean }> {
  const db = services.db;
  // A mail delivered again (the sender did not hear our answer) goes to the conversation it went to.
  const known = await db.channelMessageRef.findUnique({ where: { workspaceChannelId_externalId: { workspaceChannelId: channel.id, externalId: email.messageId } }, select: { conversationId: true } });
  let conversationId = known?.conversationId ?? (await threadOf(services, channel, email));
  const opened = conversationId === null;
  if (conversationId === null) {
    const inWorkspace = { ...services, workspaceId: channel.workspaceId };
    const [published] = channel.flowId ? await publishedFlows(inWorkspace, channel.flowId) : [];
    if (!published) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this email channel's flow is not published" });
    if (!allowsChannel(published, "email")) throw channelNotAllowed(published, "email");
    // The sender's address is an identity: a person known by it on any channel is found.
    const started = await openConversation(inWorkspace, published, "email", { email: email.from.address, ...(email.from.name ? { name: email.from.name } : {}) }, channel.id);
    conversationId = started.conversationId;
    // At once: a redelivery after a failure below finds this conversation instead of opening another.
    await rememberMessageId(services, channel, conversationId, email);
    if (started.opening.status !== "active" && started.opening.status !== "handoff") return { conversationId, opened };
  }
  const text = customerText(email, opened ? [] : await offeredOptions(services, conversationId));
  const clientMessageId = clientMessageIdOf(email.messageId);
  let accepted: { id: string } | undefined;
  try {
    // The update id makes a redelivered mail one message, answered with the first one's replies.
    const turn = await sendCustomerMessage(services.temporal.workflow.getHandle(conversationId), { text, clientMessageId }, { updateId: `message-${clientMessageId}` });
    accepted = turn.accepted;
  } catch (err) {
    const error = toTrpcError(err);
    // The same mail again after its message was taken (the flow has moved on, so a number maps to
    // other words now): Temporal holds that update id, the message is in. Nothing more to do.
    if (known && error.code === "CONFLICT") return { conversationId, opened: false };
    throw error;
  }
  const stored = accepted ? await db.messageAttachment.count({ where: { conversationId, messageId: accepted.id } }) : 0;
  if (stored === 0) await storeAttachments(services, conversationId, accepted?.id ?? null, email.attachments, seal);
  await rememberMessageId(services, channel, conversationId, email);
  return { conversationId, opened };
}

async function rememberMessageId(services: ApiServices, channel: EmailChannel, conversationId: string, email: InboundEmail): Promise<void> {
  const key = { workspaceChannelId: channel.id, externalId: email.messageId };
  await services.db.channelMessageRef.upsert({
    where: { workspaceChannelId_externalId: key },
    create: { ...key, conversationId, subject: email.subject },
    update: {},
    select: { conversationId: true },
  });
}
