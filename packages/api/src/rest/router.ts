/**
 * The public REST API (`/api/v1`, OpenAPI 3.1 at /api/v1/openapi.json): a small, stable surface
 * for integrations holding an API key. Each operation is a thin REST shape over a tRPC
 * procedure the apps already use, called in-process with the same context, so authorization,
 * workspace scoping, validation and errors are the procedure's own; this file adds the HTTP
 * method and path, query-string coercion and the documented response schema.
 */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { appRouter } from "../router";
import { createCallerFactory, router, type ProcedureMeta } from "../trpc";
import { staffProcedure } from "../procedures";
import type { Permission } from "../auth/roles";
import { idSchema, labelSchema, messageTextSchema } from "../inputs";
import { channelSchema, contactSchema } from "../routers/conversation-start";
import { webhookEventTypesSchema, webhookUrlSchema } from "../routers/webhooks";
import type { ApiContext } from "../context";
import { contactUpsertSchema } from "../routers/contact-book";
import { attributeChangesSchema } from "../contacts/attributes";
import * as out from "./schemas";

const createCaller = createCallerFactory(appRouter);
/** The apps' API as this request's caller: the same credential, checked again by the procedure. */
const app = (ctx: ApiContext) => createCaller(ctx);

type Operation = Omit<NonNullable<ProcedureMeta["openapi"]>, "protect">;

/** A REST operation for members or keys allowed `permission` (the same policy as staffProcedure's). */
function operation(permission: Permission, openapi: Operation) {
  return staffProcedure(permission).meta({ policy: { kind: "staff", permission }, openapi: { ...openapi, protect: true } });
}

const clientMessageId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, "use 1-64 letters, digits, - or _")
  .optional()
  .meta({ description: "Idempotency key: resending the same id applies the message once and returns the same replies" });

export const restRouter = router({
  listFlows: operation("flows:read", { method: "GET", path: "/flows", tags: ["flows"], summary: "List flows" })
    .input(z.object({}))
    .output(z.object({ flows: z.array(out.flowSummary) }))
    .query(async ({ ctx }) => ({ flows: await app(ctx).flows.list() })),

  getFlow: operation("flows:read", { method: "GET", path: "/flows/{id}", tags: ["flows"], summary: "A flow: its draft, published version and history" })
    .input(z.object({ id: idSchema }))
    .output(out.flowDetail)
    .query(({ ctx, input }) => app(ctx).flows.get(input)),

  publishFlow: operation("flows:manage", { method: "POST", path: "/flows/{id}/publish", tags: ["flows"], summary: "Publish the flow's draft" })
    .input(z.object({ id: idSchema, note: labelSchema("note", 500).optional() }))
    .output(out.published)
    .mutation(({ ctx, input }) => app(ctx).flows.publish(input)),

  startConversation: operation("conversations:ingest", {
    method: "POST",
    path: "/conversations",
    tags: ["conversations"],
    summary: "Open a conversation on a flow of this workspace; returns the bot's opening",
  })
    .input(z.object({ flowId: idSchema, channel: channelSchema.default("api"), contact: contactSchema.optional() }))
    .output(out.startedConversation)
    .mutation(async ({ ctx, input }) => {
      // conversations.start opens on any workspace's flow (its id is a public entry); a key acts in its own.
      const flow = await ctx.db.flow.findFirst({ where: { id: input.flowId, workspaceId: ctx.workspaceId, deletedAt: null }, select: { id: true } });
      if (!flow) throw new TRPCError({ code: "NOT_FOUND", message: `flow ${input.flowId} not found` });
      return app(ctx).conversations.start(input);
    }),

  inboundMessage: operation("conversations:ingest", {
    method: "POST",
    path: "/conversations/inbound",
    tags: ["conversations"],
    summary: "A first message on a channel: starts the flow whose trigger matches it and returns the bot's answer",
  })
    .input(z.object({ channel: channelSchema, text: messageTextSchema, contact: contactSchema.optional() }))
    .output(out.inboundConversation)
    .mutation(({ ctx, input }) => app(ctx).conversations.startFromMessage(input)),

  getConversation: operation("conversations:read", { method: "GET", path: "/conversations/{id}", tags: ["conversations"], summary: "A conversation with its messages" })
    .input(z.object({ id: idSchema }))
    .output(out.conversation)
    .query(({ ctx, input }) => app(ctx).conversations.get(input)),

  listMessages: operation("conversations:read", {
    method: "GET",
    path: "/conversations/{conversationId}/messages",
    tags: ["conversations"],
    summary: "What the customer sees after message `afterSeq` (200 at most)",
  })
    .input(z.object({ conversationId: idSchema, afterSeq: z.coerce.number().int().min(0).default(0) }))
    .output(out.transcript)
    .query(({ ctx, input }) => app(ctx).conversations.messagesSince(input)),

  sendMessage: operation("conversations:ingest", {
    method: "POST",
    path: "/conversations/{conversationId}/messages",
    tags: ["conversations"],
    summary: "The customer's message; returns the bot's replies",
  })
    .input(z.object({ conversationId: idSchema, text: messageTextSchema, clientMessageId }))
    .output(out.turn)
    .mutation(({ ctx, input }) => app(ctx).conversations.send(input)),

  listContacts: operation("contacts:read", {
    method: "GET",
    path: "/contacts",
    tags: ["contacts"],
    summary: "Contacts, newest first; `query` matches words of a name or email, or the start of an email, phone number or id",
  })
    .input(z.object({ query: labelSchema("query", 200).optional(), cursor: idSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }))
    .output(out.contactPage)
    .query(({ ctx, input }) => app(ctx).contacts.list(input)),

  getContact: operation("contacts:read", { method: "GET", path: "/contacts/{id}", tags: ["contacts"], summary: "A contact: identities, attributes and conversations on every channel" })
    .input(z.object({ id: idSchema }))
    .output(out.contact)
    .query(({ ctx, input }) => app(ctx).contacts.get(input)),

  upsertContact: operation("contacts:manage", {
    method: "POST",
    path: "/contacts",
    tags: ["contacts"],
    summary: "The contact of these identities: a known email, phone or external id returns (and updates) its contact, else one is created",
  })
    .input(contactUpsertSchema)
    .output(out.upsertedContact)
    .mutation(({ ctx, input }) => app(ctx).contacts.upsert(input)),

  updateContactAttributes: operation("contacts:manage", {
    method: "PATCH",
    path: "/contacts/{id}/attributes",
    tags: ["contacts"],
    summary: "Set a contact's attributes (text, number or boolean; null removes one)",
  })
    .input(z.object({ id: idSchema, attributes: attributeChangesSchema }))
    .output(z.object({ attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])) }))
    .mutation(({ ctx, input }) => app(ctx).contacts.updateAttributes(input)),

  listWebhooks: operation("webhooks:manage", { method: "GET", path: "/webhooks", tags: ["webhooks"], summary: "The workspace's webhook subscriptions" })
    .input(z.object({}))
    .output(z.object({ webhooks: z.array(out.webhook) }))
    .query(async ({ ctx }) => ({ webhooks: await app(ctx).webhooks.list() })),

  createWebhook: operation("webhooks:manage", {
    method: "POST",
    path: "/webhooks",
    tags: ["webhooks"],
    summary: "Subscribe an endpoint to events; the answer holds its signing secret, shown only here",
  })
    .input(z.object({ url: webhookUrlSchema, eventTypes: webhookEventTypesSchema, description: labelSchema("description", 200).optional() }))
    .output(out.createdWebhook)
    .mutation(({ ctx, input }) => app(ctx).webhooks.create(input)),

  deleteWebhook: operation("webhooks:manage", { method: "DELETE", path: "/webhooks/{id}", tags: ["webhooks"], summary: "Delete a webhook subscription" })
    .input(z.object({ id: idSchema }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => app(ctx).webhooks.delete(input)),
});

export type RestRouter = typeof restRouter;
