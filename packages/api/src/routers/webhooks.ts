import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { generateWebhookSecret, WEBHOOK_EVENT_TYPES, webhookSecretName, type SecretBox, type WebhookSubscription } from "@parley/db";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, optionalTextSchema } from "../inputs";
import { webhookDeliveryProcedures } from "./webhook-deliveries";
import { ownSubscription } from "./webhook-access";

/** After a rotation the old secret keeps signing this long (a second v1 signature), as Stripe does. */
export const PREVIOUS_SECRET_GRACE_MS = 24 * 60 * 60_000;

/** An endpoint: http(s) only, no credentials in it (they would show in logs and the settings page). */
export const webhookUrlSchema = z
  .string()
  .max(2000, "at most 2000 characters")
  .superRefine((value, ctx) => {
    const url = URL.canParse(value) ? new URL(value) : null;
    const problem = !url
      ? "not a URL"
      : url.protocol !== "http:" && url.protocol !== "https:"
        ? "use an http or https URL"
        : url.username || url.password
          ? "put no user name or password in the URL (use a secret path or check the signature)"
          : null;
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const webhookEventTypesSchema = z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1, "choose at least one event").max(WEBHOOK_EVENT_TYPES.length);

const subscriptionInput = z.object({
  url: webhookUrlSchema,
  eventTypes: webhookEventTypesSchema,
  description: optionalTextSchema("description", 200).optional(),
});

/** A subscription as the settings page and the REST API show it (never its secret). */
export function webhookView(row: WebhookSubscription) {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: (Array.isArray(row.eventTypes) ? row.eventTypes : []) as (typeof WEBHOOK_EVENT_TYPES)[number][],
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt.toISOString(),
  };
}

function sealSecret(secretBox: SecretBox | undefined, workspaceId: string, subscriptionId: string, secret: string) {
  if (!secretBox) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "this server has no secrets key (PARLEY_SECRETS_KEY), so it cannot keep signing secrets" });
  const sealed = secretBox.seal(workspaceId, webhookSecretName(subscriptionId), secret);
  return { iv: Buffer.from(sealed.iv), tag: Buffer.from(sealed.tag), data: Buffer.from(sealed.data) };
}

/**
 * Outbound webhooks: endpoints of the workspace's that hear about its events, each delivery
 * signed with the endpoint's secret (shown once, when made or rotated). Delivery runs in the
 * worker (@parley/activities webhooks); this router keeps the subscriptions and the log.
 */
export const webhooksRouter = router({
  list: staffProcedure("webhooks:manage").query(async ({ ctx }) => {
    const rows = await ctx.db.webhookSubscription.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { createdAt: "desc" } });
    return rows.map(webhookView);
  }),

  /** The answer is the only place the secret ever appears. */
  create: staffProcedure("webhooks:manage")
    .input(subscriptionInput)
    .mutation(async ({ ctx, input }) => {
      const id = randomUUID();
      const secret = generateWebhookSecret();
      const sealed = sealSecret(ctx.secretBox, ctx.workspaceId, id, secret);
      const row = await ctx.db.webhookSubscription.create({
        data: {
          id,
          workspaceId: ctx.workspaceId,
          url: input.url,
          description: input.description || null,
          eventTypes: [...new Set(input.eventTypes)],
          secretIv: sealed.iv,
          secretTag: sealed.tag,
          secretData: sealed.data,
          createdById: ctx.caller.kind === "user" ? ctx.caller.userId : null,
        },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "webhook.create",
        target: { type: "webhook", id },
        details: { url: input.url, eventTypes: input.eventTypes },
      });
      return { ...webhookView(row), secret };
    }),

  update: staffProcedure("webhooks:manage")
    .input(subscriptionInput.partial().extend({ id: idSchema, enabled: z.boolean().optional() }))
    .mutation(async ({ ctx, input }) => {
      await ownSubscription(ctx.db, ctx.workspaceId, input.id);
      const row = await ctx.db.webhookSubscription.update({
        where: { id: input.id },
        data: {
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.eventTypes !== undefined ? { eventTypes: [...new Set(input.eventTypes)] } : {}),
          ...(input.description !== undefined ? { description: input.description || null } : {}),
          // Switched on again by a person: Parley's reason for switching it off no longer applies.
          ...(input.enabled !== undefined ? { enabled: input.enabled, disabledReason: null } : {}),
        },
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "webhook.update",
        target: { type: "webhook", id: input.id },
        details: { url: input.url, eventTypes: input.eventTypes, enabled: input.enabled },
      });
      return webhookView(row);
    }),

  delete: staffProcedure("webhooks:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const { count } = await ctx.db.webhookSubscription.deleteMany({ where: { id: input.id, workspaceId: ctx.workspaceId } });
      if (count === 0) throw new TRPCError({ code: "NOT_FOUND", message: `webhook ${input.id} not found` });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "webhook.delete", target: { type: "webhook", id: input.id } });
      return { ok: true as const };
    }),

  /** A new secret, shown once; the old one keeps signing too for PREVIOUS_SECRET_GRACE_MS. */
  rotateSecret: staffProcedure("webhooks:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const current = await ownSubscription(ctx.db, ctx.workspaceId, input.id);
      const secret = generateWebhookSecret();
      const sealed = sealSecret(ctx.secretBox, ctx.workspaceId, input.id, secret);
      await ctx.db.webhookSubscription.update({
        where: { id: input.id },
        data: {
          secretIv: sealed.iv,
          secretTag: sealed.tag,
          secretData: sealed.data,
          previousSecretIv: current.secretIv,
          previousSecretTag: current.secretTag,
          previousSecretData: current.secretData,
          previousSecretExpiresAt: new Date(Date.now() + PREVIOUS_SECRET_GRACE_MS),
        },
      });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "webhook.rotate_secret", target: { type: "webhook", id: input.id } });
      return { secret };
    }),

  ...webhookDeliveryProcedures,
});
