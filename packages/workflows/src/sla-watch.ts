import { condition, patched } from "@temporalio/workflow";
import type { ConversationRun } from "./conversation-run";
import { escalate } from "./escalation";
import { enqueueForRouting, withdrawFromRouting } from "./handoff-routing";

/** Patch id: a skip that came in while the previous escalation ran is not lost to the next timer. */
const SLA_SKIP_PENDING = "sla-skip-pending";

/**
 * A test conversation's simulator asked to skip while the watcher was still escalating: the
 * version it bumped was read as the new baseline, so waiting now would sleep through the skip.
 * Asked only then, so every other history replays the timers it always had.
 */
const skipPending = (run: ConversationRun) => run.skipSla && patched(SLA_SKIP_PENDING);

/**
 * The SLA watcher: sleeps on a durable timer until the next escalation falls due (re-planning
 * whenever a clock changes), then runs the escalation ladder's due rungs. Ends with the conversation.
 */
export async function watchSla(run: ConversationRun): Promise<void> {
  const ended = () => run.phase === "ended";
  while (!ended()) {
    const version = run.slaVersion;
    const dueAt = run.sla?.nextDueAt(Date.now()) ?? null;
    const changed = () => run.slaVersion !== version || run.phase === "ended";
    if (dueAt === null) await condition(changed);
    else if (dueAt > Date.now() && !skipPending(run)) await condition(changed, dueAt - Date.now());
    if (ended() || !run.sla) continue;
    // A test conversation's simulator skipped the timer: what falls due then happens now.
    const now = run.skipSla && dueAt !== null ? Math.max(dueAt, Date.now()) : Date.now();
    run.skipSla = false;
    for (const event of run.sla.takeDue(now)) {
      // Every change an escalation makes marks the conversation for saving as it happens.
      await escalate(
        {
          conversationId: run.conversationId,
          sla: run.sla.state,
          handoff: () => run.handoff,
          setHandoff: (next) => {
            const before = run.handoff;
            run.handoff = next;
            run.dirty = true;
            // The team's queue follows the ladder: a raised priority moves the waiting
            // conversation up; a reassignment takes it out of the queue.
            if (before?.assigneeId === null && next.assigneeId) withdrawFromRouting(run, before);
            else if (before?.assigneeId === null && next.priority !== before.priority) enqueueForRouting(run, next);
          },
          note: (text) => {
            run.transcript.add("system", text);
            run.dirty = true;
          },
        },
        event,
      );
    }
  }
}
