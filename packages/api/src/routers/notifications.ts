import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { labelSchema } from "../inputs";

/** Notification ids are composed by the workflow (conversation, clock, cycle, level): longer than row ids. */
const notificationIdSchema = labelSchema("id", 200);

/**
 * What needs a person's attention: a conversation entering a team's queue, an SLA clock warning
 * or breaching. Written by workflow activities (one row per event, id chosen by the workflow);
 * read here. Read state is per workspace until there is sign-in (every agent sees the same list).
 */
export const notificationsRouter = router({
  list: staffProcedure("notifications:read")
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .query(async ({ ctx, input }) => {
      // A simulator's test conversation notifies no one.
      const where = { workspaceId: ctx.workspaceId, conversation: { test: false } };
      const [items, unread] = await Promise.all([
        ctx.db.notification.findMany({
          where,
          orderBy: { createdAt: "desc" },
          take: input.limit,
          include: { conversation: { select: { contact: { select: { name: true } } } } },
        }),
        ctx.db.notification.count({ where: { ...where, readAt: null } }),
      ]);
      return {
        unread,
        items: items.map((n) => ({
          id: n.id,
          conversationId: n.conversationId,
          contactName: n.conversation.contact.name,
          team: n.team,
          level: n.level,
          clock: n.clock,
          message: n.message,
          createdAt: n.createdAt.toISOString(),
          read: n.readAt !== null,
        })),
      };
    }),

  /** Marks the given notifications read, or all of them when `ids` is left out. */
  markRead: staffProcedure("notifications:read")
    .input(z.object({ ids: z.array(notificationIdSchema).min(1).max(100).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.notification.updateMany({
        where: { workspaceId: ctx.workspaceId, readAt: null, ...(input.ids ? { id: { in: input.ids } } : {}) },
        data: { readAt: new Date() },
      });
      return { marked: count };
    }),
});
