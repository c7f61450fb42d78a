import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson } from "@parley/db";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema } from "../inputs";
import { ownSubscription } from "./webhook-access";

/** A public event id as receivers see it (`evt_123`). */
const eventIdSchema = z.string().regex(/^evt_\d{1,9}$/, "an event id looks like evt_123");

/**
 * The delivery log and the two ways to send again. Neither talks to Temporal: both store an
 * event row for one subscription, and the worker's dispatcher delivers it like any other, so a
 * request accepted here is never lost to a restart.
 */
export const webhookDeliveryProcedures = {
  /** The latest attempts to one subscription, newest first. */
  deliveries: staffProcedure("webhooks:manage")
    .input(z.object({ id: idSchema, limit: z.number().int().min(1).max(200).default(50) }))
    .query(async ({ ctx, input }) => {
      await ownSubscription(ctx.db, ctx.workspaceId, input.id);
      const rows = await ctx.db.webhookDelivery.findMany({ where: { subscriptionId: input.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: input.limit });
      return rows.map((row) => ({
        id: row.id,
        eventId: row.eventId,
        eventType: row.eventType,
        attempt: row.attempt,
        outcome: row.outcome as "delivered" | "failed" | "refused" | "gone",
        responseStatus: row.responseStatus,
        durationMs: row.durationMs,
        responseBody: row.responseBody,
        createdAt: row.createdAt.toISOString(),
      }));
    }),

  /** Sends a `webhook.test` event to this subscription (enabled or not, it must be enabled to receive it). */
  sendTest: staffProcedure("webhooks:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const subscription = await ownSubscription(ctx.db, ctx.workspaceId, input.id);
      if (!subscription.enabled) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this webhook is disabled: enable it first" });
      const row = await ctx.db.webhookEvent.create({ data: { workspaceId: ctx.workspaceId, source: "test", subscriptionId: input.id } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "webhook.test", target: { type: "webhook", id: input.id } });
      return { eventId: `evt_${row.id}` };
    }),

  /** Delivers a past event to this subscription again, with the same event id and body. */
  redeliver: staffProcedure("webhooks:manage")
    .input(z.object({ id: idSchema, eventId: eventIdSchema }))
    .mutation(async ({ ctx, input }) => {
      const subscription = await ownSubscription(ctx.db, ctx.workspaceId, input.id);
      if (!subscription.enabled) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this webhook is disabled: enable it first" });
      const original = await ctx.db.webhookEvent.findFirst({ where: { id: Number(input.eventId.slice(4)), workspaceId: ctx.workspaceId } });
      if (!original?.payload) throw new TRPCError({ code: "NOT_FOUND", message: `event ${input.eventId} not found (events are kept 30 days)` });
      const row = await ctx.db.webhookEvent.create({
        data: {
          workspaceId: ctx.workspaceId,
          source: original.source,
          sourceId: original.sourceId,
          conversationId: original.conversationId,
          payload: asJson(original.payload as object),
          subscriptionId: input.id,
        },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "webhook.redeliver",
        target: { type: "webhook", id: input.id },
        details: { eventId: input.eventId },
      });
      return { requestId: row.id };
    }),
};
