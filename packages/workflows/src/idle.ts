import { allHandlersFinished, condition, continueAsNew, patched } from "@temporalio/workflow";
import type { ConversationRun } from "./conversation-run";
import type { conversation } from "./conversation";
import { saveTurn } from "./save-turn";
import { handTurnToSender } from "./handed-turns";

/** Patch id: agent activity that arrives during the last save before a continue-as-new is saved first. */
const SAVE_LATE_ACTIVITY_BEFORE_HANDOVER = "save-late-activity-before-handover";

/**
 * Waits (idle) until `done()`, persisting agent activity as it arrives and continuing as new
 * when history has grown enough. Every wait point of the flow goes through here; `waitingAt`
 * null means this wait cannot be resumed by a continued run (a deadline, a subflow). Resolves
 * true when a test conversation's simulator skipped the deadline (only ever false for real ones).
 */
export async function idleUntil(run: ConversationRun, done: () => boolean, waitingAt: string | null, deadline?: number): Promise<boolean> {
  if (!handTurnToSender(run)) await saveTurn(run);
  run.phase = "waiting";
  run.timedWait = deadline !== undefined;
  let skipped = false;
  while (!done()) {
    const wake = () => done() || run.dirty || run.rollOverDue() || run.skipWait;
    if (deadline === undefined) await condition(wake);
    else if (deadline > Date.now()) await condition(wake, deadline - Date.now());
    else break;
    if (run.skipWait) {
      run.skipWait = false;
      skipped = true;
      break;
    }
    if (run.dirty) {
      run.dirty = false;
      await saveTurn(run);
    } else if (!done() && waitingAt) {
      await continueAsNewIfDue(run, waitingAt);
    }
  }
  run.timedWait = false;
  run.phase = "running";
  return skipped;
}

/**
 * Hands the conversation to a new run while it waits for the customer. Only when nothing is
 * in flight: no queued message, every update answered, everything persisted.
 */
async function continueAsNewIfDue(run: ConversationRun, waitingAt: string): Promise<void> {
  if (!run.rollOverDue()) return;
  // A checkpoint names one node of the conversation's flow: a wait inside a subflow cannot be
  // resumed from it, so the hand-over waits until the subflow has returned (every wait point
  // of a subflow behaves as if it passed waitingAt null, like ctx.pause).
  if (run.subflowPath.length > 0) return;
  // A message queued meanwhile ends the wait too: its handler (e.g. a voice message that was
  // still being transcribed when this wait began) cannot finish until the flow consumes it.
  // The two predicates differ only in that state, which `allHandlersFinished` alone never left
  // (a deadlock), so recorded histories replay unchanged: no patch needed.
  await condition(() => allHandlersFinished() || run.inbox.length > 0);
  if (run.inbox.length > 0) return;
  await saveTurn(run);
  if (run.inbox.length > 0) return;
  // An agent's message or an escalation note that came in while the turn was being saved is not
  // in the database yet: save it first (the idle loop does), never hand it over unsaved.
  if (run.dirty && patched(SAVE_LATE_ACTIVITY_BEFORE_HANDOVER)) return;
  const { input, transcript, nodeRuns, subflows, clientMessages } = run;
  await continueAsNew<typeof conversation>({
    conversationId: input.conversationId,
    flowVersionId: input.flowVersionId,
    variables: run.variables,
    continueAsNewAfterEvents: input.continueAsNewAfterEvents,
    ...(input.simulation ? { simulation: input.simulation } : {}),
    // The frozen flow goes on with the conversation, so no run of it loads the flow again.
    ...(input.flow ? { flow: input.flow } : {}),
    checkpoint: {
      nodeId: waitingAt,
      status: run.status,
      lastSeq: transcript.seq,
      nodeRunCount: nodeRuns.runCount,
      openNodeRun: run.currentRun,
      continuedRuns: (input.checkpoint?.continuedRuns ?? 0) + 1,
      handoff: run.handoff,
      sla: run.sla?.state ?? null,
      ...(subflows.checkpoint ? { subflowVersions: subflows.checkpoint } : {}),
      ...(clientMessages.checkpoint ? { recentClientMessages: clientMessages.checkpoint } : {}),
    },
  });
}
