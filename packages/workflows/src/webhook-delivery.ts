import { ActivityFailure, ApplicationFailure, proxyActivities } from "@temporalio/workflow";
import type { Activities, DeliverWebhookInput } from "@parley/activities";
import { FailureType } from "./contracts";

/**
 * Exponential retries over about eight hours: 30 s, 1, 2, 4 … 64 minutes, then every 2 hours, 12
 * attempts in all (Stripe retries for days, Svix for about a day; hours keep a deploy or an
 * outage of the receiver from losing events without piling up for days). A 429/503's Retry-After
 * replaces the backoff for that one wait (the activity sets it). Refused URLs and 410 Gone fail
 * for good.
 */
const webhooks = proxyActivities<Activities>({
  startToCloseTimeout: "30 seconds",
  retry: {
    initialInterval: "30 seconds",
    backoffCoefficient: 2,
    maximumInterval: "2 hours",
    maximumAttempts: 12,
    nonRetryableErrorTypes: [FailureType.WebhookRejected],
  },
});

export type WebhookDeliveryResult = { outcome: "delivered" | "skipped" | "failed"; detail: string };

/** Delivers one stored event to one subscription; every attempt is in the delivery log. */
export async function webhookDelivery(input: DeliverWebhookInput): Promise<WebhookDeliveryResult> {
  try {
    const result = await webhooks.deliverWebhook(input);
    return result.outcome === "delivered" ? { outcome: "delivered", detail: `HTTP ${result.status}` } : { outcome: "skipped", detail: result.reason };
  } catch (err) {
    // Given up (retries exhausted, refused, gone): the log holds each attempt; the workflow ends cleanly.
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) return { outcome: "failed", detail: err.cause.message };
    throw err;
  }
}
