import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson } from "@parley/db";
import { router } from "../trpc";
import { personProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import { inboxFiltersSchema } from "../inbox/filters";

/** Roles that may delete a shared view someone else saved (tidying the workspace's list). */
const TIDIES_SHARED_VIEWS = new Set(["owner", "admin"]);

/**
 * Inbox views people saved: a name for a set of filters. Shared views are the workspace's, the
 * others their owner's alone. Filters are re-validated when read: a view saved before a filter
 * changed shape opens as the inbox's default instead of failing.
 */
export const savedViewsRouter = router({
  list: personProcedure("conversations:read").query(async ({ ctx }) => {
    const userId = ctx.caller.kind === "user" ? ctx.caller.userId : "";
    const views = await ctx.db.savedView.findMany({
      where: { workspaceId: ctx.workspaceId, OR: [{ userId }, { shared: true }] },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      include: { user: { select: { name: true } } },
    });
    return views.map((view) => {
      const filters = inboxFiltersSchema.safeParse(view.filters);
      return {
        id: view.id,
        name: view.name,
        shared: view.shared,
        mine: view.userId === userId,
        ownerName: view.user.name,
        filters: filters.success ? filters.data : inboxFiltersSchema.parse({}),
      };
    });
  }),

  create: personProcedure("conversations:read")
    .input(z.object({ name: labelSchema("view name", 60), filters: inboxFiltersSchema, shared: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.caller.kind !== "user") throw new TRPCError({ code: "FORBIDDEN", message: "sign in as a person to save a view" });
      const view = await ctx.db.savedView.create({
        data: { workspaceId: ctx.workspaceId, userId: ctx.caller.userId, name: input.name, filters: asJson(input.filters), shared: input.shared },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "saved_view.create",
        target: { type: "saved_view", id: view.id },
        details: { name: view.name, shared: view.shared },
      });
      return { id: view.id };
    }),

  delete: personProcedure("conversations:read")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      if (ctx.caller.kind !== "user") throw new TRPCError({ code: "FORBIDDEN", message: "sign in as a person to delete a view" });
      const view = await ctx.db.savedView.findFirst({ where: { id: input.id, workspaceId: ctx.workspaceId } });
      // Someone else's private view does not exist as far as this caller knows.
      if (!view || (!view.shared && view.userId !== ctx.caller.userId)) throw new TRPCError({ code: "NOT_FOUND", message: `view ${input.id} not found` });
      if (view.userId !== ctx.caller.userId && !TIDIES_SHARED_VIEWS.has(ctx.caller.role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "only its owner or an admin may delete a shared view" });
      }
      await ctx.db.savedView.delete({ where: { id: view.id } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "saved_view.delete",
        target: { type: "saved_view", id: view.id },
        details: { name: view.name, shared: view.shared },
      });
      return { ok: true };
    }),
});
