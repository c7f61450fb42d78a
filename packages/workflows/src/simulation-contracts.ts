/**
 * The Temporal contract of a simulator's test conversation (the flow editor runs its draft). A
 * real conversation never carries these options, so its history is exactly what it always was.
 */
import { defineSignal } from "@temporalio/workflow";
import type { CompiledFlow, Variables } from "@parley/flow";

/** What answers an http_request (status and body) or custom_activity (output) step without calling out. */
export type CannedResponse = { status: number; body: unknown } | { output: Record<string, unknown> };

export interface SimulationOptions {
  /**
   * The draft as it was when the test started, compiled: carried in the start input (so in the
   * history) rather than loaded, so editing the draft meanwhile never changes a running test.
   */
  flow: CompiledFlow;
  /** Canned answers by node id; a node without one calls out for real. */
  cannedResponses?: Record<string, CannedResponse>;
  /**
   * "Re-run from this step" (a conversation's path): the node the test begins at instead of the
   * flow's start, with the variables the conversation had there as the start input's `variables`.
   */
  startNodeId?: string;
  /**
   * The flow's wait steps pass at once, as if the simulator's tester skipped each one: a replay of
   * a recorded conversation's inputs (replay-gated publish, saved test cases) has no tester, and a
   * wait would swallow the inputs that follow it. Ask and voice-listen timeouts still run: the
   * recorded customer answered in time or not, and the inputs say which.
   */
  skipWaits?: boolean;
}

/** What a test conversation records of each step (NodeRun.detail), for the simulator's step list. */
export interface NodeRunDetail {
  /** The flow's variables once the step finished. */
  variables?: Variables;
  /**
   * The transcript's last message seq once the step finished: the messages the step wrote and
   * the answer it waited for are those after the step before it (a conversation's path).
   */
  seq?: number;
  /** The activity's input and output (http_request, custom_activity). */
  input?: unknown;
  output?: unknown;
  /** True when a canned response answered the step instead of the real call. */
  canned?: boolean;
}

/**
 * Ends the wait the test conversation is in now: a timed wait of the flow (a wait node, an
 * ask's idle timeout) at once, or else the SLA clock's next escalation. Ignored by real conversations.
 */
export const skipWaitSignal = defineSignal("skipWait");
