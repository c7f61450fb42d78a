/**
 * Client-side helpers for talking to a conversation workflow (API, tests, benches). Not workflow
 * code: never import this from the workflow bundle.
 */
import type { WorkflowHandle } from "@temporalio/client";
import type { UpdateDefinition } from "@temporalio/common";
import {
  customerMessageUpdate,
  customerVoiceMessageUpdate,
  type CustomerMessageInput,
  type CustomerVoiceMessageInput,
  type TurnResult,
  type VoiceTurnResult,
} from "./contracts";

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
export function sendCustomerMessage(
  handle: WorkflowHandle,
  input: CustomerMessageInput,
  options: { updateId?: string } = {},
): Promise<TurnResult> {
  return executeRedelivering(handle, customerMessageUpdate, input, options);
}

/**
 * Sends a stored voice message (by recording id); resolves with what was heard and the bot's
 * replies. Use the recording id in `updateId`: the same recording is then never recorded twice.
 */
export function sendCustomerVoiceMessage(
  handle: WorkflowHandle,
  input: CustomerVoiceMessageInput,
  options: { updateId?: string } = {},
): Promise<VoiceTurnResult> {
  return executeRedelivering(handle, customerVoiceMessageUpdate, input, options);
}

/** Executes a one-argument Update, sending it again while Temporal reports it undelivered. */
async function executeRedelivering<Result, Input>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Result, [Input]>,
  input: Input,
  options: { updateId?: string },
): Promise<Result> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await handle.executeUpdate(update, {
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
