import { isCancellation } from "@temporalio/workflow";

/**
 * Steps that turn a failed activity into a branch (fallback exit, note for the agents) must
 * still let cancellation through: swallowing it would keep a cancelled conversation running.
 */
export function rethrowCancellation(err: unknown): void {
  if (isCancellation(err)) throw err;
}

/** The most specific message of an activity failure (ActivityFailure wraps the real cause). */
export function failureMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? err.cause.message : err.message;
}
