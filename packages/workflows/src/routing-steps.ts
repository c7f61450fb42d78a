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

/** Not awaited: the customer's reply does not wait on the queue. A failure is noted (it retries long before that). */
export function enqueueForRouting(run: ConversationRun, handoff: HandoffState): void {
  if (!patched(TEAM_ROUTING)) return;
  routing
    .enqueueHandoff({
      conversationId: run.conversationId,
      team: handoff.team,
      skills: handoff.skills.map((skill) => skill.toLowerCase()),
      priority: handoff.priority,
      since: handoff.since,
    })
    .catch((err: unknown) => {
      run.transcript.add("system", `Could not queue for ${handoff.team}: ${err instanceof Error ? err.message : String(err)}`);
      run.dirty = true;
    });
}

/** The conversation left the queue (resolved, handed back, assigned by hand): a no-op if it was never there. */
export function withdrawFromRouting(run: ConversationRun, handoff: HandoffState): void {
  if (!patched(TEAM_ROUTING)) return;
  routing.withdrawHandoff({ conversationId: run.conversationId, team: handoff.team, since: handoff.since }).catch(() => {
    // The queue's rescan cannot see this; an offer made meanwhile is refused by the conversation.
  });
}
