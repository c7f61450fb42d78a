import { condition, sleep } from "@temporalio/workflow";
import type { RecordTurnInput } from "@parley/activities";
import type { ConversationRun } from "./conversation-run";
import { persistence } from "./activity-proxies";
import { turnRecord } from "./turn-record";

/**
 * A turn's rows handed to the sender instead of written here. The SDK keeps a workflow task
 * open while a local activity runs, and an Update's outcome travels with that task: a reply
 * that waits for the workflow's own write costs a second activation and the activity's round
 * trip. A sender that says it stores the turn (`storedBy: "caller"`, the API) gets the rows in
 * the Update's result and writes them before it answers its client; the message is durable
 * before that already, in the Update's outcome in history. The workflow checks a little later
 * that they are stored (`storeHandedTurns`) and writes what is missing itself, as its next save
 * would, so a sender that dies in between loses nothing; writes are idempotent (rows by id,
 * state by stateVersion).
 *
 * Only when every customer message of the turn came from such a sender and no agent activity
 * waits to be saved; otherwise the workflow saves as before. Histories without the flag never
 * take this path, so they replay unchanged.
 */
export function handTurnToSender(run: ConversationRun): boolean {
  if (!run.storedByCaller || run.dirty) return false;
  run.storedByCaller = null;
  run.handedTurn = turnRecord(run, run.transcript.takeUnhanded(), run.nodeRuns.takeUnhanded());
  run.handedUnsaved = true;
  run.lastHandedVersion = run.handedTurn.stateVersion!;
  return true;
}

/** The handed rows for the update handler's result (the first handler of the turn takes them). */
export function takeHandedTurn(run: ConversationRun): { toStore: RecordTurnInput } | Record<string, never> {
  const turn = run.handedTurn;
  run.handedTurn = null;
  return turn ? { toStore: turn } : {};
}

/**
 * How long handed rows wait before the workflow checks them: long enough that a busy
 * conversation gets one check for many turns, short enough that a sender that died leaves its
 * turn out of the inbox for seconds only.
 */
export const HANDED_TURN_CATCH_UP_MS = 5_000;

/**
 * Beside the flow for the whole run: once rows were handed out, waits, then asks the database
 * whether the sender stored them (a read: no write lock, which SQLite shares between the API and
 * the worker). Stored, and nothing added or changed since: they count as saved. Otherwise the
 * conversation is marked dirty and the idle loop stores everything unsaved, the handed rows
 * included. No command at all while nothing is handed.
 */
export async function storeHandedTurns(run: ConversationRun): Promise<void> {
  for (;;) {
    await condition(() => run.handedUnsaved || run.phase === "ended");
    if (run.phase === "ended") return;
    await sleep(HANDED_TURN_CATCH_UP_MS);
    if (run.handedUnsaved && !(await storedBySender(run))) {
      run.dirty = true;
      // No new timer until that save (the idle loop's) has taken the handed rows.
      await condition(() => !run.handedUnsaved || run.phase === "ended");
    }
  }
}

/** True (and the rows dropped from the unsaved ones) when the sender stored all that was handed, and nothing came since. */
async function storedBySender(run: ConversationRun): Promise<boolean> {
  const unchanged = () => !run.dirty && run.phase === "waiting" && run.transcript.unhandedCount === 0 && run.nodeRuns.unhandedCount === 0;
  if (!unchanged()) return false;
  const version = run.lastHandedVersion;
  const messageIds = run.transcript.unsavedIds;
  const nodeRunIds = run.nodeRuns.unsavedIds;
  const stored = await persistence.turnsStored({ conversationId: run.conversationId, messageIds, nodeRunIds, stateVersion: version });
  // Anything handed, saved or changed meanwhile: the next check (or the save it caused) decides.
  if (!stored || !unchanged() || !run.handedUnsaved || run.lastHandedVersion !== version) return false;
  run.transcript.takeUnsaved();
  run.nodeRuns.takeUnsaved();
  run.handedUnsaved = false;
  return true;
}
