import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Channel } from "@parley/db";
import { CHANNEL_KINDS } from "@parley/channels";
import { channelMovedSignal } from "@parley/workflows";
import type { ApiContext, ApiServices } from "../context";
import { auditRequest } from "../auth/caller";
import { recordAudit, type AuditRequest } from "../auth/audit";
import { contactForAddress, InvalidIdentityError } from "../contacts/resolve";
import { normalizeEmail, normalizePhone } from "../contacts/identities";
import { toTrpcError } from "../temporal-errors";
import { continueTarget, type ContinueMedium, type ContinueTarget } from "./continue-targets";

/** What a conversation was on before it came to a configured channel (the builder's web chat page, an API start). */
const MEDIUM_LABEL = { web: "Web chat", voice: "Voice", sms: "SMS", whatsapp: "WhatsApp", email: "Email", api: "API" } satisfies Record<Channel, string>;

export const continueByEmailSchema = z.object({ email: z.string().trim().min(3).max(254) });
/** A number in international format (+ and the country code); libphonenumber-js checks it is one. */
export const continueBySmsSchema = z.object({ phone: z.string().trim().min(3).max(40) });

/** The first message on the new channel starts with this; the bot's or agent's last words follow. */
export const CONTINUED_GREETING = { email: "Your conversation continues here: reply to this email to go on.", sms: "Your conversation continues here: reply to this message to go on." } satisfies Record<ContinueMedium, string>;

const refuse = (code: "CONFLICT" | "BAD_REQUEST", message: string) => new TRPCError({ code, message });

export interface ChannelMove {
  medium: ContinueMedium;
  /** The customer's email address or phone number there (validated and normalized here). */
  address: string;
  /** Who asked: the customer in the widget, or the voice gateway for a dropped call. */
  by: "customer" | "dropped-call";
  greeting: string;
  /** The channel to go to, when the caller chose it already (a dropped call); else the widget's setting decides. */
  target?: ContinueTarget;
}

function normalized(medium: ContinueMedium, address: string): string {
  try {
    return medium === "email" ? normalizeEmail(address) : normalizePhone(address);
  } catch (err) {
    if (err instanceof InvalidIdentityError) throw refuse("BAD_REQUEST", err.message);
    throw err;
  }
}

/**
 * Moves a conversation to another channel: the same conversation, workflow and variables go on
 * by email or SMS. The conversation row is pointed at the new channel first (so the channel
 * delivery trigger queues what the bot and agents say from now on), the address becomes the
 * contact's (deliveries write to its email or phone), then the workflow is told: it notes the move
 * in the transcript and says one bot message, the greeting and the last thing said, the first
 * message on the new channel. The customer's reply threads back (an email by Message-ID, an SMS
 * by the contact's number and the channel's open conversation).
 * Refusals change nothing: a closed conversation or one already there (409), no usable channel
 * (412), a bad address (400). A workflow that cannot be told puts the row back.
 */
export async function moveConversation(services: ApiServices & { workspaceId: string }, request: AuditRequest | null, conversationId: string, move: ChannelMove) {
  const db = services.db;
  const conversation = await db.conversation.findFirst({
    where: { id: conversationId, workspaceId: services.workspaceId },
    select: { status: true, channel: true, contactId: true, workspaceChannelId: true, workspaceChannel: { select: { kind: true } } },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: "no such conversation" });
  if (conversation.status !== "active" && conversation.status !== "handoff") throw refuse("CONFLICT", "this conversation has ended; start a new one");
  const address = normalized(move.medium, move.address);
  const target = move.target ?? (await continueTarget(db, services.workspaceId, move.medium, conversation.workspaceChannelId));
  if (conversation.channel === target.channel || conversation.workspaceChannelId === target.id) throw refuse("CONFLICT", `this conversation already continues by ${target.label}`);
  let contactId: string;
  try {
    contactId = await contactForAddress(db, services.workspaceId, conversation.contactId, move.medium === "email" ? { email: address } : { phone: address });
  } catch (err) {
    if (err instanceof InvalidIdentityError) throw refuse("BAD_REQUEST", err.message);
    throw err;
  }
  const fromLabel = conversation.workspaceChannel ? CHANNEL_KINDS[conversation.workspaceChannel.kind].label : MEDIUM_LABEL[conversation.channel];
  const before = { channel: conversation.channel, workspaceChannelId: conversation.workspaceChannelId, contactId: conversation.contactId };
  // Only while still open and where it was: a second click racing this one changes nothing.
  const moved = await db.conversation.updateMany({
    where: { id: conversationId, status: { in: ["active", "handoff"] }, channel: conversation.channel },
    data: { channel: target.channel, workspaceChannelId: target.id, contactId },
  });
  if (moved.count === 0) throw refuse("CONFLICT", "this conversation changed meanwhile; reload it");
  const reason = move.by === "customer" ? "by the customer" : "after the call was cut off";
  try {
    await services.temporal.workflow.getHandle(conversationId).signal(channelMovedSignal, {
      note: `Moved from ${fromLabel} to ${target.label} (${address}) ${reason}`,
      greeting: move.greeting,
      from: fromLabel,
      to: target.label,
    });
  } catch (err) {
    await db.conversation.updateMany({ where: { id: conversationId, channel: target.channel, workspaceChannelId: target.id }, data: before });
    throw toTrpcError(err);
  }
  await recordAudit(db, request, {
    workspaceId: services.workspaceId,
    actor: move.by === "customer" ? { type: "customer", label: address } : { type: "system", label: "voice gateway" },
    action: "conversation.channel_moved",
    target: { type: "conversation", id: conversationId },
    details: { from: fromLabel, to: target.label, channelId: target.id, reason: move.by },
  });
  return { channel: target.channel, address };
}

/** The customer's "Continue by email" in the widget. */
export function continueByEmail(ctx: ApiContext & { workspaceId: string }, conversationId: string, input: z.infer<typeof continueByEmailSchema>) {
  return moveConversation(ctx, auditRequest(ctx), conversationId, { medium: "email", address: input.email, by: "customer", greeting: CONTINUED_GREETING.email });
}

/** The customer's "Continue by SMS" in the widget. */
export function continueBySms(ctx: ApiContext & { workspaceId: string }, conversationId: string, input: z.infer<typeof continueBySmsSchema>) {
  return moveConversation(ctx, auditRequest(ctx), conversationId, { medium: "sms", address: input.phone, by: "customer", greeting: CONTINUED_GREETING.sms });
}
