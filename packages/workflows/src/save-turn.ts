import { persistence } from "./activity-proxies";
import type { ConversationRun } from "./conversation-run";
import { isDataRejected, storable } from "./storable";

/** Persists everything said and run so far; it stays queued if the write fails for good. */
export async function saveTurn(run: ConversationRun): Promise<void> {
  const messages = run.transcript.takeUnsaved();
  const runs = run.nodeRuns.takeUnsaved();
  const turn = {
    conversationId: run.conversationId,
    messages,
    nodeRuns: runs,
    status: run.status,
    variables: run.variables,
    handoff: run.handoff,
    sla: run.sla?.view(Date.now()) ?? null,
    ...(run.csat ? { csat: run.csat } : {}),
  };
  try {
    try {
      await persistence.recordTurn(turn);
    } catch (err) {
      // Text the database can never store (the validators keep it out; this is the defence
      // behind them) must not jam the conversation: the turn is stored once more with the
      // offending characters replaced. Histories recorded before DataRejected existed never
      // reach this branch, so it needs no patch.
      if (!isDataRejected(err)) throw err;
      await persistence.recordTurn(storable(turn));
    }
  } catch (err) {
    run.transcript.restoreUnsaved(messages);
    run.nodeRuns.restoreUnsaved(runs);
    throw err;
  }
}
