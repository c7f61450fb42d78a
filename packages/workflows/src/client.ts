/**
 * Client-side helpers for talking to a conversation workflow (API, tests, benches). Not workflow
 * code: never import this from the workflow bundle.
 */
import type { WorkflowHandle } from "@temporalio/client";
import { customerMessageUpdate, type CustomerMessageInput, type TurnResult } from "./contracts";

/**
 * How often a message is re-sent when Temporal dropped it on the floor, and how long to wait
 * before each retry. Three tries cover a continue-as-new hand-over (one workflow task) with room.
 */
const RETRY_DELAYS_MS = [25, 100, 400] as const;

/**
 * True for the one Update failure that means "not delivered, send it again": a message that
 * reached the server while the workflow task continuing the conversation as new was completing.
 * The server fails that task (cause UnhandledCommand, so the worker sees the new message) and
 * aborts the in-flight Update with FAILED_PRECONDITION "unexpected workflow task failure"; the
 * Update was never accepted, so nothing was recorded and sending it again is safe.
 */
export function isUndeliveredUpdate(err: unknown): boolean {
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) {
    if (/unexpected workflow task failure/i.test(cause.message)) return true;
  }
  return false;
}

/**
 * Sends a customer's message and resolves with the bot's replies. With `updateId` (the client's
 * message id) a repeated send is answered from the first, never recorded twice.
 */
export async function sendCustomerMessage(
  handle: WorkflowHandle,
  input: CustomerMessageInput,
  options: { updateId?: string } = {},
): Promise<TurnResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await handle.executeUpdate(customerMessageUpdate, {
        args: [input],
        ...(options.updateId ? { updateId: options.updateId } : {}),
      });
    } catch (err) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isUndeliveredUpdate(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
