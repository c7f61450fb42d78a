import { TRPCError } from "@trpc/server";
import type { ApiServices } from "../context";
import { InvalidIdentityError, normalizeEmail, normalizePhone } from "../contacts/identities";
import { moveConversation } from "./continue-on-channel";
import { optionalTarget, type ContinueMedium } from "./continue-targets";

/** The first text or email after a dropped call; the last thing the bot or agent said follows it. */
export const CUT_OFF_GREETING = "We were cut off — you can continue here.";

function valid(normalize: (raw: string) => string, raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > 254) return null;
  try {
    return normalize(raw);
  } catch (err) {
    if (err instanceof InvalidIdentityError) return null;
    throw err;
  }
}

/** The first of the flow's variables that is a phone number in international format (or an email address). */
function fromVariables(variables: unknown, normalize: (raw: string) => string): string | null {
  if (!variables || typeof variables !== "object") return null;
  for (const value of Object.values(variables as Record<string, unknown>)) {
    const address = valid(normalize, value);
    if (address) return address;
  }
  return null;
}

/**
 * A voice call that ended abnormally (the caller's socket closed without a hang-up, or their
 * connection dropped) while its conversation is still open goes on by SMS, or else by email, with
 * the same workflow and variables: to the contact's phone or email, or one the flow collected in
 * a variable. Only to a channel that can send and whose "continue dropped calls" setting is on
 * (the default). Returns where it went, or null when it stays (ended, no address, no channel).
 * Never throws: the call is gone already, and a conversation that could not move still waits.
 */
export async function continueAfterDroppedCall(services: ApiServices, conversationId: string): Promise<{ channel: string; address: string } | null> {
  try {
    const conversation = await services.db.conversation.findUnique({
      where: { id: conversationId },
      select: { workspaceId: true, status: true, channel: true, workspaceChannelId: true, variables: true, test: true, contact: { select: { phone: true, email: true } } },
    });
    if (!conversation || conversation.test || conversation.channel !== "voice") return null;
    if (conversation.status !== "active" && conversation.status !== "handoff") return null;
    const addresses: Record<ContinueMedium, string | null> = {
      sms: valid(normalizePhone, conversation.contact.phone) ?? fromVariables(conversation.variables, normalizePhone),
      email: valid(normalizeEmail, conversation.contact.email) ?? fromVariables(conversation.variables, normalizeEmail),
    };
    // SMS first: a caller who was just on the phone reads a text sooner than an email.
    for (const medium of ["sms", "email"] as const) {
      const address = addresses[medium];
      if (!address) continue;
      const target = await optionalTarget(services.db, conversation.workspaceId, medium, conversation.workspaceChannelId);
      if (!target?.takesDroppedCalls) continue;
      return await moveConversation({ ...services, workspaceId: conversation.workspaceId }, null, conversationId, { medium, address, by: "dropped-call", greeting: CUT_OFF_GREETING, target });
    }
    return null;
  } catch (err) {
    // Ended or moved meanwhile (a reconnect, an agent): nothing to do.
    if (err instanceof TRPCError && (err.code === "CONFLICT" || err.code === "NOT_FOUND")) return null;
    console.error(`[voice] ${conversationId}: continuing the dropped call by text failed:`, err);
    return null;
  }
}
