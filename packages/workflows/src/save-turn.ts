import { persistence } from "./activity-proxies";
import type { ConversationRun } from "./conversation-run";
import { isDataRejected, storable } from "./storable";
import { turnRecord } from "./turn-record";

/** Persists everything said and run so far; it stays queued if the write fails for good. */
export async function saveTurn(run: ConversationRun): Promise<void> {
  const messages = run.transcript.takeUnsaved();
  const runs = run.nodeRuns.takeUnsaved();
  // Whatever was handed to a sender is in this write too (still unsaved): the workflow stores it itself.
  const handed = run.handedUnsaved;
  run.storedByCaller = null;
  run.handedUnsaved = false;
  const turn = turnRecord(run, messages, runs);
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
    run.handedUnsaved = handed;
    throw err;
  }
}
