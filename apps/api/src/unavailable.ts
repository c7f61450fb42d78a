/**
 * 503 instead of 500 when a backing service is down. Procedures that call Temporal map its errors
 * themselves (`toTrpcError`), but most procedures read the database directly and an unreachable
 * or locked database reaches tRPC as an INTERNAL_SERVER_ERROR wrapping Prisma's error. These two
 * hooks of the HTTP adapter turn that into SERVICE_UNAVAILABLE and put a Retry-After on every 503.
 */
import type { TRPCError } from "@trpc/server";
import { serviceUnavailableError, unavailableService, UNAVAILABLE_RETRY_AFTER_SECONDS } from "@parley/api";

/**
 * For the adapter's `onError`, which runs before the response is shaped from this same error
 * object: rewriting its code and message here is what the client receives (status, code, message),
 * and Prisma's message (which names source files) never leaves the server.
 */
export function markServiceUnavailable(error: TRPCError): void {
  if (error.code !== "INTERNAL_SERVER_ERROR") return;
  const service = unavailableService(error.cause);
  if (!service) return;
  const replacement = serviceUnavailableError(service);
  Object.assign(error, { code: replacement.code, message: replacement.message });
}

/** For the adapter's `responseMeta`: a 503 tells the client when to come back. */
export function retryAfterMeta({ errors }: { errors: readonly TRPCError[] }): { headers?: Record<string, string> } {
  if (!errors.some((error) => error.code === "SERVICE_UNAVAILABLE")) return {};
  return { headers: { "retry-after": String(UNAVAILABLE_RETRY_AFTER_SECONDS) } };
}
