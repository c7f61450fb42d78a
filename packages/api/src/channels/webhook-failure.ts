import { TRPCError } from "@trpc/server";
import { InvalidIdentityError } from "../contacts/identities";
import { textReply, type WebhookReply } from "./channel-secret";

/**
 * A webhook that could not be taken, as an HTTP answer: the channel's own problems (no published
 * flow, a flow that does not start on this channel) are 409 and a bad number 400, which a
 * provider does not retry; anything else (Temporal or the database away, a media download that
 * failed) is 503, which the provider retries (Meta for days; Twilio per its retry settings).
 */
export function webhookFailure(provider: string, err: unknown): WebhookReply {
  if (err instanceof InvalidIdentityError) return textReply(400, err.message);
  if (err instanceof TRPCError && (err.code === "PRECONDITION_FAILED" || err.code === "BAD_REQUEST")) return textReply(409, err.message);
  console.error(`[channels] ${provider} webhook failed:`, err);
  return textReply(503, "temporarily unable to take this message; try again");
}
