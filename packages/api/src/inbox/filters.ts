import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Db, Prisma } from "@parley/db";
import { CHANNELS, PRIORITIES } from "@parley/flow";
import type { Caller } from "../auth/caller";
import { visibleConversations } from "../auth/conversation-scope";
import { SEES_ALL_CONVERSATIONS } from "../auth/roles";
import { conversationStatusSchema, idSchema, labelSchema } from "../inputs";

/**
 * The inbox's views and filters, as conversations.list takes them and saved views store them.
 * Views: `mine` (assigned to me), `unassigned` (waiting for a person), `team:<name>` and `all`.
 */
export const inboxViewSchema = z.union([z.enum(["mine", "unassigned", "all"]), z.templateLiteral(["team:", labelSchema("team", 100)])]);
export type InboxView = z.infer<typeof inboxViewSchema>;

export const inboxFiltersSchema = z.object({
  view: inboxViewSchema.default("all"),
  status: z.union([conversationStatusSchema, z.array(conversationStatusSchema).max(4)]).optional(),
  team: labelSchema("team", 100).optional(),
  /** A person's User id, or `none` for conversations nobody has. */
  assigneeId: idSchema.optional(),
  channel: z.array(z.enum(CHANNELS)).max(CHANNELS.length).optional(),
  priority: z.array(z.enum(PRIORITIES)).max(4).optional(),
  flowId: idSchema.optional(),
  /** Last activity on or after / before these instants. */
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
});
export type InboxFilters = z.infer<typeof inboxFiltersSchema>;

/** Matches nothing: a view the caller has no part in is empty, not an error. */
const NOTHING: Prisma.ConversationWhereInput = { id: { in: [] } };

/** What a caller's inbox spans: who they are and which teams' views they may open. */
export interface InboxScope {
  where: Prisma.ConversationWhereInput;
  userId: string | null;
  /** Team views offered: every team for supervisors and up, an agent's own teams for agents. */
  teams: string[];
}

/**
 * Supervisors and up (and API keys) see the whole workspace. Agents see what the visibility rule
 * gives them, narrowed to their teams: theirs, their teams' queues and the queue of no team —
 * so another team's waiting conversations never show in an agent's list, counts or search.
 */
export async function inboxScope(db: Db, caller: Caller): Promise<InboxScope> {
  const visible = visibleConversations(caller);
  if (caller.kind !== "user") return { where: visible, userId: null, teams: await teamNames(db, caller.workspaceId) };
  if (SEES_ALL_CONVERSATIONS.has(caller.role)) return { where: visible, userId: caller.userId, teams: await teamNames(db, caller.workspaceId) };
  const teams = await db.team.findMany({
    where: { workspaceId: caller.workspaceId, members: { some: { member: { userId: caller.userId } } } },
    orderBy: { name: "asc" },
    select: { name: true },
  });
  const names = teams.map((team) => team.name);
  return {
    where: { AND: [visible, { OR: [{ assigneeId: caller.userId }, { team: { in: names } }, { team: null }] }] },
    userId: caller.userId,
    teams: names,
  };
}

async function teamNames(db: Db, workspaceId: string): Promise<string[]> {
  const teams = await db.team.findMany({ where: { workspaceId }, orderBy: { name: "asc" }, select: { name: true } });
  return teams.map((team) => team.name);
}

export function viewWhere(view: InboxView, scope: InboxScope): Prisma.ConversationWhereInput {
  if (view === "all") return {};
  if (view === "mine") return scope.userId ? { assigneeId: scope.userId } : NOTHING;
  if (view === "unassigned") return { assigneeId: null, status: "handoff" };
  const team = view.slice("team:".length);
  return scope.teams.includes(team) ? { team } : NOTHING;
}

export function filtersWhere(filters: Omit<InboxFilters, "view">): Prisma.ConversationWhereInput[] {
  const where: Prisma.ConversationWhereInput[] = [];
  if (filters.status) where.push({ status: { in: Array.isArray(filters.status) ? filters.status : [filters.status] } });
  if (filters.team) where.push({ team: filters.team });
  if (filters.assigneeId) where.push({ assigneeId: filters.assigneeId === "none" ? null : filters.assigneeId });
  if (filters.channel) where.push({ channel: { in: filters.channel } });
  if (filters.priority) where.push({ priority: { in: filters.priority } });
  if (filters.flowId) where.push({ flowVersion: { flowId: filters.flowId } });
  if (filters.from) where.push({ updatedAt: { gte: new Date(filters.from) } });
  if (filters.to) where.push({ updatedAt: { lt: new Date(filters.to) } });
  return where;
}

/**
 * Keyset pagination on (last activity, id), newest first: a page starts strictly after the
 * previous page's last row, so rows that move while someone pages are neither repeated nor
 * skipped among those that stay. The cursor is that row's `cursor` field, opaque to clients.
 */
export function encodeCursor(updatedAt: Date, id: string): string {
  return Buffer.from(`${updatedAt.toISOString()}|${id}`).toString("base64url");
}

export function cursorWhere(cursor: string): Prisma.ConversationWhereInput {
  const [at, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const updatedAt = new Date(at ?? "");
  if (!id || Number.isNaN(updatedAt.getTime())) throw new TRPCError({ code: "BAD_REQUEST", message: "the cursor is not one this list gave" });
  return { OR: [{ updatedAt: { lt: updatedAt } }, { updatedAt, id: { lt: id } }] };
}
