import type { Prisma } from "@parley/db";
import type { Caller } from "./caller";
import { SEES_ALL_CONVERSATIONS } from "./roles";

/**
 * The conversations a caller may read, as a filter for every conversation query: a customer
 * their own; agents (and analysts) the ones assigned to them and the unassigned ones waiting for
 * a person; supervisors, admins, owners and API keys all of the workspace's. A conversation out
 * of scope is NOT_FOUND, as if it did not exist.
 */
export function visibleConversations(caller: Caller): Prisma.ConversationWhereInput {
  const workspace = { workspaceId: caller.workspaceId };
  switch (caller.kind) {
    case "customer":
      return { ...workspace, id: caller.conversationId };
    case "apiKey":
      return workspace;
    case "user":
      if (SEES_ALL_CONVERSATIONS.has(caller.role)) return workspace;
      return { ...workspace, OR: [{ assigneeId: caller.userId }, { assigneeId: null, status: "handoff" }] };
  }
}
