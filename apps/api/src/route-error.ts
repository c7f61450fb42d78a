import type { ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { databaseRefusal, publicError, serviceUnavailableError, unavailableService, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@parley/api";
import { replyJson } from "./json-reply";

/**
 * How a plain HTTP route (voice messages, attachment downloads) answers an error it did not
 * expect to handle itself, as tRPC would: Temporal or the database down is a 503 with
 * Retry-After; a refusal (also one the database makes) its 4xx with a message that quotes no code.
 * Returns false for anything else: the route decides (and logs) its own 500.
 */
export function replyKnownError(res: ServerResponse, err: unknown): boolean {
  const service = unavailableService(err);
  if (service) {
    res.setHeader("retry-after", String(UNAVAILABLE_RETRY_AFTER_SECONDS));
    replyJson(res, 503, { error: serviceUnavailableError(service).message, code: "SERVICE_UNAVAILABLE" });
    return true;
  }
  const refusal = err instanceof TRPCError ? publicError(err) : databaseRefusal(err);
  if (!refusal || refusal.code === "INTERNAL_SERVER_ERROR") return false;
  replyJson(res, getHTTPStatusCodeFromError(refusal), { error: refusal.message, code: refusal.code });
  return true;
}
