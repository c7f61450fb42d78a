import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Channel } from "@parley/db";
import { CHANNEL_KINDS, parseChannelConfig } from "@parley/channels";
import { channelMovedSignal } from "@parley/workflows";
import type { ApiContext } from "../context";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { contactForAddress, InvalidIdentityError } from "../contacts/resolve";
import { toTrpcError } from "../temporal-errors";

/** What a conversation was on before it came to a configured channel (the builder's web chat page, an API start). */
const MEDIUM_LABEL = { web: "Web chat", voice: "Voice", sms: "SMS", whatsapp: "WhatsApp", email: "Email", api: "API" } satisfies Record<Channel, string>;

export const continueByEmailSchema = z.object({ email: z.string().trim().min(3).max(254) });

/** The first email on the new thread starts with this; the bot's or agent's last words follow. */
export const CONTINUED_GREETING = "Your conversation continues here: reply to this email to go on.";

const refuse = (code: "CONFLICT" | "PRECONDITION_FAILED" | "BAD_REQUEST", message: string) => new TRPCError({ code, message });

/**
 * The email channel a conversation moves to: the one its widget names in its settings, or the
 * workspace's only email channel; it must have an address and a relay to send from.
 */
async function targetEmailChannel(ctx: ApiContext, workspaceId: string, widgetChannelId: string | null) {
  const db = ctx.db;
  const widget = widgetChannelId ? await db.workspaceChannel.findUnique({ where: { id: widgetChannelId }, select: { kind: true, config: true } }) : null;
  const chosen = widget?.kind === "web_widget" ? parseChannelConfig("web_widget", widget.config).continueByEmailChannelId : null;
  const select = { id: true, config: true } as const;
  const rows = chosen
    ? await db.workspaceChannel.findMany({ where: { id: chosen, workspaceId, kind: "email" }, select })
    : await db.workspaceChannel.findMany({ where: { workspaceId, kind: "email" }, select, take: 2 });
  if (rows.length === 0) throw refuse("PRECONDITION_FAILED", "this workspace has no email channel to continue on");
  if (rows.length > 1) throw refuse("PRECONDITION_FAILED", "this workspace has several email channels and the widget names none to continue on");
  const channel = rows[0]!;
  const config = parseChannelConfig("email", channel.config);
  if (!config.address || !config.relay) throw refuse("PRECONDITION_FAILED", "the email channel cannot send yet (no address or relay configured)");
  return { id: channel.id, address: config.address };
}

/** Whether a widget's customers may continue by email (its settings say so, so the widget shows the link only then). */
export async function canContinueByEmail(ctx: ApiContext, workspaceId: string, widgetChannelId: string): Promise<boolean> {
  try {
    await targetEmailChannel(ctx, workspaceId, widgetChannelId);
    return true;
  } catch (err) {
    if (err instanceof TRPCError && err.code === "PRECONDITION_FAILED") return false;
    throw err;
  }
}

/**
 * The customer's "Continue by email": the same conversation, workflow and variables go on by
 * email. The conversation row is pointed at the email channel first (so the channel delivery
 * trigger queues what the bot and agents say from now on), the address becomes the contact's,
 * then the workflow is told: it notes the move in the transcript and says one bot message, the
 * first email of a new thread, whose Message-ID the deliverer records so the reply threads back.
 * Refusals change nothing: a closed conversation or one already on email (409), no usable email
 * channel (412), a bad address (400). A workflow that cannot be told puts the row back.
 */
export async function continueByEmail(ctx: ApiContext & { workspaceId: string }, conversationId: string, input: z.infer<typeof continueByEmailSchema>) {
  const db = ctx.db;
  const conversation = await db.conversation.findFirst({
    where: { id: conversationId, workspaceId: ctx.workspaceId },
    select: { status: true, channel: true, contactId: true, workspaceChannelId: true, workspaceChannel: { select: { kind: true } } },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: "no such conversation" });
  if (conversation.status !== "active" && conversation.status !== "handoff") throw refuse("CONFLICT", "this conversation has ended; start a new one");
  if (conversation.channel === "email") throw refuse("CONFLICT", "this conversation already continues by email");
  const target = await targetEmailChannel(ctx, ctx.workspaceId, conversation.workspaceChannelId);
  let contactId: string;
  try {
    contactId = await contactForAddress(db, ctx.workspaceId, conversation.contactId, { email: input.email });
  } catch (err) {
    if (err instanceof InvalidIdentityError) throw refuse("BAD_REQUEST", err.message);
    throw err;
  }
  const fromLabel = conversation.workspaceChannel ? CHANNEL_KINDS[conversation.workspaceChannel.kind].label : MEDIUM_LABEL[conversation.channel];
  const before = { channel: conversation.channel, workspaceChannelId: conversation.workspaceChannelId, contactId: conversation.contactId };
  // Only while still open and where it was: a second click racing this one changes nothing.
  const moved = await db.conversation.updateMany({
    where: { id: conversationId, status: { in: ["active", "handoff"] }, channel: conversation.channel },
    data: { channel: "email", workspaceChannelId: target.id, contactId },
  });
  if (moved.count === 0) throw refuse("CONFLICT", "this conversation changed meanwhile; reload it");
  const address = input.email.trim().toLowerCase();
  try {
    await ctx.temporal.workflow.getHandle(conversationId).signal(channelMovedSignal, {
      note: `Moved from ${fromLabel} to Email (${address}) by the customer`,
      greeting: CONTINUED_GREETING,
      from: fromLabel,
      to: "Email",
    });
  } catch (err) {
    await db.conversation.updateMany({ where: { id: conversationId, channel: "email" }, data: before });
    throw toTrpcError(err);
  }
  await recordAudit(db, auditRequest(ctx), {
    workspaceId: ctx.workspaceId,
    actor: { type: "customer", label: address },
    action: "conversation.channel_moved",
    target: { type: "conversation", id: conversationId },
    details: { from: fromLabel, to: "Email", emailChannelId: target.id },
  });
  return { channel: "email" as const, address };
}
