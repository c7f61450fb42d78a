import type { RoutingCandidate, TeamRoutingView } from "@parley/activities";
import type { Priority } from "./contracts";
import type { WaitingConversation } from "./team-queue-contracts";

const priorityRank = { urgent: 0, high: 1, normal: 2, low: 3 } satisfies Record<Priority, number>;

/** Queue order: higher priority first, then the longest wait. */
export function queueOrder(a: WaitingConversation, b: WaitingConversation): number {
  return priorityRank[a.priority] - priorityRank[b.priority] || (a.since < b.since ? -1 : a.since > b.since ? 1 : 0);
}

export interface Match {
  conversationId: string;
  agent: RoutingCandidate;
}

/**
 * One matching pass (pure, so deterministic in the workflow): the conversations without an open
 * offer, in queue order, each to an eligible agent — online (the candidates are), holding every
 * required skill, not having passed on it, under capacity for its channel — chosen least busy
 * (fewest conversations, then agent order) or round robin (the next after `cursor`). Loads count
 * the offers made in this pass. Returns the matches and the new round-robin cursor.
 */
export function matchWaiting(waiting: WaitingConversation[], view: TeamRoutingView, cursor: string | null): { matches: Match[]; cursor: string | null } {
  const agents = view.agents.map((agent) => ({ ...agent }));
  const matches: Match[] = [];
  for (const entry of waiting.filter((item) => !item.offer && !item.withdrawn).sort(queueOrder)) {
    const eligible = agents.filter(
      (agent) =>
        !entry.passedBy.includes(agent.agentId) &&
        entry.skills.every((skill) => agent.skills.includes(skill)) &&
        (entry.voice ? agent.callLoad < agent.callCapacity : agent.chatLoad < agent.chatCapacity),
    );
    if (eligible.length === 0) continue;
    const agent = view.distribution === "round_robin" ? nextAfter(eligible, cursor) : leastBusy(eligible);
    if (view.distribution === "round_robin") cursor = agent.agentId;
    if (entry.voice) agent.callLoad++;
    else agent.chatLoad++;
    matches.push({ conversationId: entry.conversationId, agent });
  }
  return { matches, cursor };
}

const leastBusy = (agents: RoutingCandidate[]) =>
  agents.reduce((best, agent) => (agent.chatLoad + agent.callLoad < best.chatLoad + best.callLoad ? agent : best));

/** Agents come sorted by id: the first after the cursor, wrapping round. */
const nextAfter = (agents: RoutingCandidate[], cursor: string | null) => agents.find((agent) => cursor === null || agent.agentId > cursor) ?? agents[0]!;
