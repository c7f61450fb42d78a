import type { RecordTurnInput } from "@parley/activities";
import type { ConversationRun } from "./conversation-run";
import type { NodeRun, TranscriptMessage } from "./contracts";

/**
 * What a turn writes: its messages and node runs, and the conversation's state now. The
 * state version orders the records a conversation's writers may race with (the workflow's own
 * write and a sender storing a handed turn, handed-turns.ts): the workflow's time in ms, then
 * a counter, so every later record of any run is larger, and the database keeps the newest state.
 */
export function turnRecord(run: ConversationRun, messages: TranscriptMessage[], nodeRuns: NodeRun[]): RecordTurnInput {
  return {
    conversationId: run.conversationId,
    messages,
    nodeRuns,
    status: run.status,
    variables: run.variables,
    handoff: run.handoff,
    sla: run.sla?.view(Date.now()) ?? null,
    ...(run.csat ? { csat: run.csat } : {}),
    stateVersion: Date.now() * 1000 + (++run.turnRecords % 1000),
  };
}
