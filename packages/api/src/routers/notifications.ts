import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { labelSchema } from "../inputs";
import type { ApiKeyCaller, UserCaller } from "../auth/caller";

/** The team's notifications and the caller's own; an API key (no person) the team's only. */
function forCaller(caller: UserCaller | ApiKeyCaller) {
  return { OR: [{ recipientId: null }, ...(caller.kind === "user" ? [{ recipientId: caller.userId }] : [])] };
}

/** Notification ids are composed by the workflow (conversation, clock, cycle, level): longer than row ids. */
const notificationIdSchema = labelSchema("id", 200);

/**
 * What needs a person's attention: a conversation entering a team's queue, an SLA clock warning
 * or breaching. Written by workflow activities (one row per event, id chosen by the workflow);
 * read here. Team notifications are shared (read state per workspace); a mention or a whisper is
 * for one person only: nobody else lists it or marks it read.
 */
export const notificationsRouter = router({
  list: staffProcedure("notifications:read")
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(100).default(20),
          /** Only the caller's own: mentions and whispers. */
          personal: z.boolean().default(false),
        })
        .default({ limit: 20, personal: false }),
    )
    .query(async ({ ctx, input }) => {
      // A simulator's test conversation notifies no one.
      const mine = ctx.caller.kind === "user" ? ctx.caller.userId : "";
      const where = { workspaceId: ctx.workspaceId, conversation: { test: false }, ...(input.personal ? { recipientId: mine } : forCaller(ctx.caller)) };
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
          /** For the caller alone (a mention, a whisper) rather than the team. */
          personal: n.recipientId !== null,
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
        where: { workspaceId: ctx.workspaceId, readAt: null, ...forCaller(ctx.caller), ...(input.ids ? { id: { in: input.ids } } : {}) },
        data: { readAt: new Date() },
      });
      return { marked: count };
    }),
});
