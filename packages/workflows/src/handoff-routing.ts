import { patched } from "@temporalio/workflow";
import type { HandoffState } from "./contracts";
import type { ConversationRun } from "./conversation-run";
import { routing } from "./activity-proxies";

/**
 * Patch id: a handoff enters its team's queue (team-queue.ts), which offers it to agents, and
 * leaves it when the handoff ends or someone assigns it by hand. Conversations recorded before
 * replay without these activities (test/histories).
 */
const TEAM_ROUTING = "team-routing";

/**
 * Whether this conversation takes part in routing: not a simulator's test conversation (nobody
 * works those), and not one recorded before routing existed. The test flag comes from the start
 * input, so replay takes the same branch.
 */
const routed = (run: ConversationRun) => !run.input.simulation && patched(TEAM_ROUTING);

/**
 * A conversation's joins and leaves reach the queues in the order it made them: each waits for the
 * one before (activities started together may run in any order, and a withdrawal overtaking the
 * join it undoes would leave a stale entry). Not awaited by the caller: the customer's reply does
 * not wait on the queue.
 */
const chains = new WeakMap<ConversationRun, Promise<void>>();
function inOrder(run: ConversationRun, call: () => Promise<void>): void {
  const next = (chains.get(run) ?? Promise.resolve()).then(call);
  chains.set(run, next);
}

/** A failure is noted (the activity retries for long before that). */
export function enqueueForRouting(run: ConversationRun, handoff: HandoffState): void {
  if (!routed(run)) return;
  // Taken now: the handoff may change (priority, team) before the call's turn comes.
  const queued = {
    conversationId: run.conversationId,
    team: handoff.team,
    skills: handoff.skills.map((skill) => skill.toLowerCase()),
    priority: handoff.priority,
    since: handoff.since,
  };
  inOrder(run, () =>
    routing.enqueueHandoff(queued).then(
      () => undefined,
      (err: unknown) => {
        run.transcript.add("system", `Could not queue for ${queued.team}: ${err instanceof Error ? err.message : String(err)}`);
        run.dirty = true;
      },
    ),
  );
}

/** The conversation left the queue (resolved, handed back, assigned by hand): a no-op if it was never there. */
export function withdrawFromRouting(run: ConversationRun, handoff: HandoffState): void {
  if (!routed(run)) return;
  const { team, since } = handoff;
  inOrder(run, () =>
    routing.withdrawHandoff({ conversationId: run.conversationId, team, since }).catch(() => {
      // Retried for long before this; an offer made meanwhile is refused by the conversation.
    }),
  );
}
