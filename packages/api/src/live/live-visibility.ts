import type { Db } from "@parley/db";
import type { ApiKeyCaller, UserCaller } from "../auth/caller";
import { roleAllows, scopeAllows, SEES_ALL_CONVERSATIONS, type Permission } from "../auth/roles";
import type { LiveEvent } from "./change-feed";

/** What a subscriber may hear of, worked out once per subscription (and again when it renews). */
export interface LiveAudience {
  workspaceId: string;
  /** Supervisors, admins, owners and keys: every conversation of the workspace. */
  seesAll: boolean;
  /** The person listening (null for an API key). */
  userId: string | null;
  /** An agent's teams: their queues' waiting conversations reach them, other teams' do not. */
  teams: Set<string>;
  may: (permission: Permission) => boolean;
}

export async function liveAudience(db: Db, caller: UserCaller | ApiKeyCaller): Promise<LiveAudience> {
  if (caller.kind === "apiKey") {
    return { workspaceId: caller.workspaceId, seesAll: true, userId: null, teams: new Set(), may: (permission) => scopeAllows(caller.scope, permission) };
  }
  const seesAll = SEES_ALL_CONVERSATIONS.has(caller.role);
  const teams = seesAll
    ? []
    : await db.team.findMany({ where: { workspaceId: caller.workspaceId, members: { some: { member: { userId: caller.userId } } } }, select: { name: true } });
  return {
    workspaceId: caller.workspaceId,
    seesAll,
    userId: caller.userId,
    teams: new Set(teams.map((team) => team.name)),
    may: (permission) => roleAllows(caller.role, permission),
  };
}

/**
 * The inbox's rule (auth/conversation-scope.ts narrowed by inbox/filters.ts inboxScope) applied
 * to one state of a conversation: an agent sees theirs, and the unassigned ones waiting in one of
 * their teams' queues or in the queue of no team.
 */
function agentSees(audience: LiveAudience, team: string | null, assigneeId: string | null, status: string | null): boolean {
  if (assigneeId !== null) return assigneeId === audience.userId;
  return status === "handoff" && (team === null || audience.teams.has(team));
}

/**
 * Whether a change reaches this subscriber. A conversation's change reaches whoever could see it
 * before or after it (so an agent also hears that one left their list). Offers reach the offered
 * agent, presence the person themself; supervisors hear all (their queue board watches both).
 */
export function canHear(audience: LiveAudience, event: LiveEvent): boolean {
  if (event.workspaceId !== audience.workspaceId) return false;
  switch (event.kind) {
    case "notification":
      return audience.may("notifications:read");
    case "presence":
      return event.assigneeId === audience.userId || audience.may("teams:read");
    case "offer":
      return audience.may("conversations:read") && (audience.seesAll || event.assigneeId === audience.userId);
    default:
      if (!audience.may("conversations:read")) return false;
      if (audience.seesAll) return true;
      return (
        agentSees(audience, event.team, event.assigneeId, event.status) ||
        (event.kind === "conversation.updated" && agentSees(audience, event.previousTeam, event.previousAssigneeId, event.previousStatus))
      );
  }
}

/** What the browser gets: enough to know which queries to refresh, nothing of the content. */
export function publicEvent(event: LiveEvent) {
  return {
    kind: event.kind,
    conversationId: event.conversationId,
    at: event.createdAt.toISOString(),
  };
}
