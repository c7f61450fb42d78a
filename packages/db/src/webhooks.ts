import { randomBytes } from "node:crypto";

/**
 * The events a webhook subscription may ask for: the public names, stable across releases (a
 * receiver switches on them). The API validates subscriptions against this list; the dispatcher
 * maps each stored source row to one of them (packages/activities/src/webhooks).
 */
export const WEBHOOK_EVENT_TYPES = [
  "conversation.created",
  "message.created",
  "conversation.handoff",
  "conversation.assigned",
  "conversation.resolved",
  "csat.submitted",
  "sla.warning",
  "sla.breached",
  "contact.updated",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What "Send test event" sends: never subscribed to, always delivered to the one subscription asked. */
export const WEBHOOK_TEST_EVENT_TYPE = "webhook.test";

/**
 * What an automation rule's "Call a webhook" action sends (WebhookEvent.source `automation`, its
 * sourceId the rule's run): never subscribed to, delivered to the one endpoint the action names.
 */
export const WEBHOOK_AUTOMATION_EVENT_TYPE = "automation.rule";

/**
 * What a scheduled report sends (WebhookEvent.source `report`, its sourceId `<report>@<scheduled
 * time>`): never subscribed to, delivered to the one endpoint the report names, rows included.
 */
export const WEBHOOK_REPORT_EVENT_TYPE = "report.delivered";

/**
 * WebhookEvent.source (written by the triggers of migration 20261207010000_webhooks: an
 * AnalyticsEvent type or `contact`) → the public event type. A source missing here, or a type
 * with no source, is a compile error.
 */
export const WEBHOOK_EVENT_SOURCES = {
  started: "conversation.created",
  message: "message.created",
  handoff: "conversation.handoff",
  assignment: "conversation.assigned",
  resolved: "conversation.resolved",
  csat: "csat.submitted",
  sla_warning: "sla.warning",
  sla_breach: "sla.breached",
  contact: "contact.updated",
} as const satisfies Record<string, WebhookEventType>;
export type WebhookEventSource = keyof typeof WEBHOOK_EVENT_SOURCES;

/** The name a subscription's signing secret is sealed under (the SecretBox's authenticated data). */
export const webhookSecretName = (subscriptionId: string) => `webhook:${subscriptionId}`;

/** A new signing secret: `whsec_` and 32 random bytes, base64url (Stripe's and Svix's look). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** The public id of a WebhookEvent row: what receivers de-duplicate on. */
export const webhookEventPublicId = (rowId: number) => `evt_${rowId}`;
