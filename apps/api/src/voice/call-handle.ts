/**
 * What the call's parts (playback, turn delivery, frame pump, failure handling) may see and do of their call. Read
 * through functions: the call moves on (a new turn, its end) while they await.
 */
import type { CallState, ServerMessage } from "@parley/voice/protocol";
import type { GatewayCounters } from "./counters";

export interface CallHandle {
  readonly conversationId: string;
  readonly counters: GatewayCounters;
  closed(): boolean;
  state(): CallState;
  /** The caller is in a turn (speaking, or holding push-to-talk). */
  callerInTurn(): boolean;
  /** To the caller's socket and to everyone listening in. */
  send(message: ServerMessage): void;
  setState(state: CallState): void;
  close(code: number, reason: string): void;
  /** Hands a failure to the call's error handling (call-failure.ts). */
  fail(err: unknown): void;
}
