/**
 * What the REST API answers, as zod schemas: each response is checked against them before it
 * leaves, and the OpenAPI document is generated from them, so the reference cannot drift from
 * what the API does. Message `meta` (quick replies, citations, how a spoken message was heard)
 * and a flow's graph are documented as open objects: their shapes belong to the flow schema.
 */
import { z } from "zod";
import { WEBHOOK_EVENT_TYPES } from "@parley/db";

const isoTime = z.string().meta({ description: "ISO 8601 time", example: "2026-12-06T21:30:00.000Z" });
/** An object whose shape belongs elsewhere (typed as unknown so any of our interfaces fits). */
const openObject = z.unknown().meta({ type: "object" });

export const conversationStatus = z.enum(["active", "handoff", "resolved", "closed"]);
export const messageAuthor = z.enum(["contact", "bot", "agent", "system"]);

/** A message as the customer sees it (no internal notes). */
export const customerMessage = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    author: messageAuthor,
    authorName: z.string().nullable().meta({ description: "The agent's display name on an agent message" }),
    text: z.string(),
    meta: openObject.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: "CustomerMessage" });

/** A bot or agent message returned by a turn. */
export const replyMessage = z
  .object({ id: z.string(), seq: z.number().int(), author: messageAuthor, text: z.string(), meta: openObject.optional(), createdAt: isoTime })
  .meta({ id: "Reply" });

export const turn = z
  .object({
    status: conversationStatus,
    replies: z.array(replyMessage),
    accepted: z.object({ id: z.string(), seq: z.number().int() }).optional().meta({ description: "The customer's message as stored" }),
  })
  .meta({ id: "Turn" });

export const startedConversation = z
  .object({
    conversationId: z.string(),
    status: conversationStatus,
    replies: z.array(replyMessage),
    token: z.string().meta({ description: "The customer's conversation token (for the web chat or the voice gateway)" }),
    tokenExpiresAt: isoTime,
  })
  .meta({ id: "StartedConversation" });

export const inboundConversation = z
  .object({ conversationId: z.string(), flowId: z.string(), status: conversationStatus, replies: z.array(replyMessage) })
  .meta({ id: "InboundConversation" });

export const conversation = z
  .object({
    id: z.string(),
    status: conversationStatus,
    channel: z.string(),
    contact: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
    flow: z.object({ id: z.string(), name: z.string(), version: z.number().int() }),
    assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
    team: z.string().nullable(),
    priority: z.string(),
    handedOffAt: isoTime.nullable(),
    createdAt: isoTime,
    updatedAt: isoTime,
    messages: z.array(
      z.object({ id: z.string(), seq: z.number().int(), author: z.string(), authorId: z.string().nullable(), text: z.string(), meta: openObject.nullable(), createdAt: isoTime }),
    ),
    sla: openObject.nullable().meta({ description: "SLA clocks as the workflow last saved them" }),
    csat: z.object({ score: z.number().int().nullable(), scale: z.number().int() }).nullable(),
  })
  .meta({ id: "Conversation" });

export const transcript = z.object({ status: conversationStatus, messages: z.array(customerMessage) }).meta({ id: "Transcript" });

export const flowSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    updatedAt: isoTime,
    publishedVersion: z.number().int().nullable(),
    draftUpdatedAt: isoTime,
  })
  .meta({ id: "FlowSummary" });

export const flowDetail = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    draft: z.object({ id: z.string(), version: z.number().int(), graph: openObject, updatedAt: isoTime }),
    published: z.object({ id: z.string(), version: z.number().int(), publishedAt: isoTime, graph: openObject }).nullable(),
    versions: z.array(z.object({ id: z.string(), version: z.number().int(), publishedAt: isoTime.nullable() })),
    issues: z.array(openObject).meta({ description: "What validation says about the draft (errors block publishing)" }),
  })
  .meta({ id: "Flow" });

export const published = z
  .object({ versionId: z.string(), version: z.number().int(), intentWarnings: z.array(openObject) })
  .meta({ id: "PublishedVersion" });

export const contactPage = z
  .object({
    contacts: z.array(
      z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable(), createdAt: isoTime, conversations: z.number().int() }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "ContactPage" });

const channel = z.enum(["web", "voice", "sms", "whatsapp", "email", "api"]);
const attributeValue = z.union([z.string(), z.number(), z.boolean()]);

/** A contact with its identities, attributes and conversations on every channel. */
export const contact = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable().meta({ description: "E.164" }),
    attributes: z.record(z.string(), attributeValue),
    createdAt: isoTime,
    identities: z.array(
      z.object({
        kind: z.enum(["email", "phone", "visitor", "external"]),
        value: z.string().meta({ description: "Normalized: a lower-cased email, an E.164 phone number, a widget visitor id or an external id" }),
        createdAt: isoTime,
      }),
    ),
    conversations: z.array(
      z.object({
        id: z.string(),
        channel,
        channelName: z.string().nullable(),
        flowName: z.string(),
        status: conversationStatus,
        createdAt: isoTime,
        lastMessageAt: isoTime.nullable(),
        lastMessage: z.object({ author: messageAuthor, text: z.string() }).nullable(),
        csat: z.object({ score: z.number().int(), scale: z.number().int() }).nullable(),
      }),
    ),
  })
  .meta({ id: "Contact" });

export const upsertedContact = z
  .object({ created: z.boolean().meta({ description: "True when no identity was known and a contact was made" }), contact })
  .meta({ id: "UpsertedContact" });

const webhookEventType = z.enum(WEBHOOK_EVENT_TYPES).meta({ id: "WebhookEventType" });

/** A webhook subscription (its secret is only in the answer that creates it). */
export const webhook = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    eventTypes: z.array(webhookEventType),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: "Why Parley switched it off (the endpoint answered 410 Gone)" }),
    createdAt: isoTime,
  })
  .meta({ id: "Webhook" });

export const createdWebhook = webhook
  .extend({ secret: z.string().meta({ description: "The signing secret (whsec_…): shown only in this answer; verify deliveries with it" }) })
  .meta({ id: "CreatedWebhook" });
