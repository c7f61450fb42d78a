import { z } from "zod";
import type { Db, Prisma } from "@parley/db";
import { staffProcedure } from "../procedures";
import { cursorWhere, encodeCursor, filtersWhere, inboxFiltersSchema, inboxScope, viewWhere } from "../inbox/filters";
import { parseSearch } from "../inbox/search-query";
import { searchConversations, searchSnippets, type Snippet } from "../inbox/search";

/** Search ranks at most this many conversations before the caller's visibility and filters apply. */
const SEARCH_CANDIDATES = 1000;
const ID_CHUNK = 400;

/** Statuses the sidebar counts: what still needs someone (resolved and closed ones do not). */
const OPEN_STATUSES = ["active", "handoff"] as const;

const listInput = inboxFiltersSchema.extend({
  /** Words and "phrases" over messages and the contact's name and email; results come best match first. */
  search: z.string().max(200).optional(),
  /** The `cursor` of the previous page's last row (lists without search). */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

const include = {
  contact: true,
  assignee: { select: { id: true, name: true } },
  flowVersion: { include: { flow: { select: { name: true } } } },
  messages: { orderBy: { seq: "desc" }, take: 1 },
} satisfies Prisma.ConversationInclude;

type ListedConversation = Prisma.ConversationGetPayload<{ include: typeof include }>;

export const inboxList = {
  /**
   * The inbox: a view (mine, unassigned, team:<name>, all) narrowed by filters, newest activity
   * first with keyset pagination, or, with `search`, the best matches first with a highlighted
   * snippet of the matching message.
   */
  list: staffProcedure("conversations:read")
    .input(listInput.default({ view: "all", limit: 50 }))
    .query(async ({ ctx, input }) => {
      const scope = await inboxScope(ctx.db, ctx.caller);
      const where: Prisma.ConversationWhereInput = { AND: [scope.where, viewWhere(input.view, scope), ...filtersWhere(input)] };
      const terms = input.search ? parseSearch(input.search) : [];
      if (terms.length === 0) {
        const rows = await ctx.db.conversation.findMany({
          where: input.cursor ? { AND: [where, cursorWhere(input.cursor)] } : where,
          orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
          take: input.limit,
          include,
        });
        const counts = await messageCounts(ctx.db, rows);
        return rows.map((row) => listed(row, counts, null));
      }
      const hits = await searchConversations(ctx.db, ctx.workspaceId, terms, SEARCH_CANDIDATES);
      // Which candidates the caller may see under the filters (ids only), then the page's rows.
      // In chunks: the SQLite driver takes at most 999 parameters in one statement.
      const allowedIds = new Set<string>();
      for (let from = 0; from < hits.length; from += ID_CHUNK) {
        const chunk = hits.slice(from, from + ID_CHUNK).map((hit) => hit.conversationId);
        const allowed = await ctx.db.conversation.findMany({ where: { AND: [where, { id: { in: chunk } }] }, select: { id: true } });
        for (const row of allowed) allowedIds.add(row.id);
      }
      const found = hits.filter((hit) => allowedIds.has(hit.conversationId)).slice(0, input.limit);
      const rows = await ctx.db.conversation.findMany({ where: { id: { in: found.map((hit) => hit.conversationId) } }, include });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const snippets = await searchSnippets(ctx.db, found.flatMap((hit) => (hit.messageId ? [hit.messageId] : [])), terms);
      const counts = await messageCounts(ctx.db, rows);
      return found.map((hit) => listed(byId.get(hit.conversationId)!, counts, (hit.messageId && snippets.get(hit.messageId)) || null));
    }),

  /** The sidebar: open conversations in each view the caller has (mine, unassigned, each team, all). */
  viewCounts: staffProcedure("conversations:read").query(async ({ ctx }) => {
    const scope = await inboxScope(ctx.db, ctx.caller);
    const count = (view: Parameters<typeof viewWhere>[0]) =>
      ctx.db.conversation.count({ where: { AND: [scope.where, viewWhere(view, scope), { status: { in: [...OPEN_STATUSES] } }] } });
    const [mine, unassigned, all, ...teams] = await Promise.all([
      count("mine"),
      count("unassigned"),
      count("all"),
      ...scope.teams.map((team) => count(`team:${team}`)),
    ]);
    return { mine, unassigned, all, teams: scope.teams.map((name, index) => ({ name, count: teams[index] ?? 0 })) };
  }),
};

/**
 * Messages per listed conversation, grouped over the page's ids: Prisma's `_count` include
 * counted every message of the database (0.6 s at a million messages; bench/inbox).
 */
async function messageCounts(db: Db, rows: { id: string }[]): Promise<Map<string, number>> {
  if (rows.length === 0) return new Map();
  const groups = await db.message.groupBy({ by: ["conversationId"], where: { conversationId: { in: rows.map((row) => row.id) } }, _count: { _all: true } });
  return new Map(groups.map((group) => [group.conversationId, group._count._all]));
}

function listed(conversation: ListedConversation, counts: Map<string, number>, snippet: Snippet | null) {
  const last = conversation.messages[0];
  return {
    id: conversation.id,
    status: conversation.status,
    channel: conversation.channel,
    contactName: conversation.contact.name,
    contactEmail: conversation.contact.email,
    contactPhone: conversation.contact.phone,
    flowName: conversation.flowVersion.flow.name,
    flowVersion: conversation.flowVersion.version,
    lastMessage: last ? { author: last.author, text: last.text, createdAt: last.createdAt.toISOString() } : null,
    messageCount: counts.get(conversation.id) ?? 0,
    team: conversation.team,
    priority: conversation.priority,
    assignee: conversation.assignee,
    handedOffAt: conversation.handedOffAt?.toISOString() ?? null,
    createdAt: conversation.createdAt.toISOString(),
    updatedAt: conversation.updatedAt.toISOString(),
    /** Pass as `cursor` for the page after this row. */
    cursor: encodeCursor(conversation.updatedAt, conversation.id),
    /** The matching message in context (searches only). */
    snippet,
  };
}
