/**
 * Client-side helpers for talking to a conversation workflow (API, tests, benches). Not workflow
 * code: never import this from the workflow bundle.
 */
import type { WorkflowHandle } from "@temporalio/client";
import type { RecordTurnInput } from "@parley/activities";
import { ApplicationFailure, type UpdateDefinition } from "@temporalio/common";
import { messageFingerprint } from "./client-messages";
import {
  FailureType,
  customerMessageUpdate,
  customerVoiceMessageUpdate,
  type CustomerMessageInput,
  type CustomerVoiceMessageInput,
  type TurnResult,
  type VoiceTurnResult,
} from "./contracts";

export { messageFingerprint };

/**
 * How long a send keeps trying through a restarting worker or a busy Temporal before its caller
 * hears about it. A killed worker's workflow task waits out its timeout on the dead worker's
 * sticky queue (seconds), then a fresh worker replays the conversation: the send is slower, not lost.
 */
export const DEFAULT_SEND_DEADLINE_MS = 30_000;

/** Pauses between tries of one send: quick at first (a continue-as-new hand-over), then at most 1 s. */
const RETRY_DELAYS_MS = [25, 100, 250, 500, 1000] as const;

/** gRPC status codes after which the same update, under the same id, is simply sent again. */
const TRANSIENT_GRPC_CODES = new Set([
  8, // RESOURCE_EXHAUSTED: Temporal sheds load (e.g. too many in-flight updates on one workflow)
  14, // UNAVAILABLE: the server is restarting or unreachable for a moment
]);

function* causes(err: unknown): Generator<Error> {
  for (let cause: unknown = err; cause instanceof Error; cause = cause.cause) yield cause;
}

/**
 * True for the one Update failure that means "not delivered, send it again": a message that
 * reached the server while the workflow task continuing the conversation as new was completing.
 * The server fails that task (cause UnhandledCommand, so the worker sees the new message) and
 * aborts the in-flight Update with FAILED_PRECONDITION "unexpected workflow task failure"; the
 * Update was never accepted, so nothing was recorded and sending it again is safe.
 */
export function isUndeliveredUpdate(err: unknown): boolean {
  for (const cause of causes(err)) {
    if (/unexpected workflow task failure/i.test(cause.message)) return true;
  }
  return false;
}

/**
 * Failures that say "not now" rather than "no": the update was not delivered (above), the
 * conversation's workflow task is failing because its worker died mid-task ("Workflow Task in
 * failed state" until a worker picks it up again), the server shed load or was unreachable, or
 * the server's long poll for the result ran out. Sent again under the same update id, the
 * message is applied at most once whatever happened to the earlier try.
 */
export function isTransientUpdateFailure(err: unknown): boolean {
  if (isUndeliveredUpdate(err)) return true;
  for (const cause of causes(err)) {
    if (/workflow task in failed state/i.test(cause.message)) return true;
    if (cause.name === "WorkflowUpdateRPCTimeoutOrCancelledError") return true;
    const code = (cause as { code?: unknown }).code;
    if (typeof code === "number" && TRANSIENT_GRPC_CODES.has(code)) return true;
  }
  return false;
}

export interface SendOptions {
  /**
   * The update id. With the client's message id in it a repeated send is answered from the
   * first, never recorded twice; without one each send gets its own, so this call's own retries
   * are still applied once.
   */
  updateId?: string;
  /** How long to keep trying (default DEFAULT_SEND_DEADLINE_MS); past it the last error is thrown. */
  deadlineMs?: number;
}

export interface CustomerSendOptions extends SendOptions {
  /**
   * Stores the turn's rows before the send resolves, so the reply does not wait for the
   * workflow's own write (handed-turns.ts). A failure is ignored: the message is already durable
   * in the Update's outcome, and the workflow stores what is missing itself seconds later.
   */
  storeTurn?: (turn: RecordTurnInput) => Promise<void>;
}

/**
 * Sends a customer's message and resolves with the bot's replies. A client message id that was
 * already used for other words fails with MessageIdReused (the first message stands).
 */
export async function sendCustomerMessage(handle: WorkflowHandle, input: CustomerMessageInput, options: CustomerSendOptions = {}): Promise<TurnResult> {
  const { storeTurn, ...sendOptions } = options;
  const { toStore, ...result } = await executeRetrying(handle, customerMessageUpdate, storeTurn ? { ...input, storedBy: "caller" } : input, sendOptions);
  // Within one run Temporal answers a repeated update id from the first update without running
  // the workflow's validator, so other words under a known id are caught here.
  const fingerprint = result.accepted?.fingerprint;
  if (input.clientMessageId && fingerprint && fingerprint !== messageFingerprint(input.text)) {
    throw ApplicationFailure.nonRetryable(
      `message id ${input.clientMessageId} was already used for a different message`,
      FailureType.MessageIdReused,
    );
  }
  if (toStore && storeTurn) await storeTurn(toStore).catch(() => undefined);
  return result;
}

/**
 * Sends a stored voice message (by recording id); resolves with what was heard and the bot's
 * replies. Use the client's message id (or the recording id) in `updateId`: the same upload is
 * then never recorded twice.
 */
export function sendCustomerVoiceMessage(
  handle: WorkflowHandle,
  input: CustomerVoiceMessageInput,
  options: SendOptions = {},
): Promise<VoiceTurnResult> {
  return executeRetrying(handle, customerVoiceMessageUpdate, input, options);
}

/** Executes a one-argument Update under one update id, trying again on transient failures until the deadline. */
async function executeRetrying<Result, Input>(
  handle: WorkflowHandle,
  update: UpdateDefinition<Result, [Input]>,
  input: Input,
  options: SendOptions,
): Promise<Result> {
  const updateId = options.updateId ?? `send-${globalThis.crypto.randomUUID()}`;
  const deadline = Date.now() + (options.deadlineMs ?? DEFAULT_SEND_DEADLINE_MS);
  for (let attempt = 0; ; attempt++) {
    try {
      // The deadline bounds each gRPC call too: a send never hangs past it.
      return await handle.client.connection.withDeadline(deadline, () => handle.executeUpdate(update, { args: [input], updateId }));
    } catch (err) {
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
      if (!isTransientUpdateFailure(err) || Date.now() + delay >= deadline) throw err;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
