import type { Prisma } from "@parley/db";
import type { Caller } from "./caller";
import { SEES_ALL_CONVERSATIONS } from "./roles";

/**
 * The conversations a caller may read, as a filter for every conversation query: a customer
 * their own; agents (and analysts) the ones assigned to them and the unassigned ones waiting for
 * a person; supervisors, admins, owners and API keys all of the workspace's (test conversations
 * of the flow editor's simulator excepted, for all of them). A conversation out
 * of scope is NOT_FOUND, as if it did not exist.
 */
export function visibleConversations(caller: Caller): Prisma.ConversationWhereInput {
  const workspace = { workspaceId: caller.workspaceId };
  // The simulator's test conversations are the flow editor's alone: never in the inbox, its
  // counts or its actions (so never assigned or routed either).
  const staffView = { ...workspace, test: false };
  switch (caller.kind) {
    case "customer":
      // A customer token may be a simulator's (the flow editor chats with its test conversation).
      return { ...workspace, id: caller.conversationId };
    case "apiKey":
      return staffView;
    case "user":
      if (SEES_ALL_CONVERSATIONS.has(caller.role)) return staffView;
      return { ...staffView, OR: [{ assigneeId: caller.userId }, { assigneeId: null, status: "handoff" }] };
  }
}
