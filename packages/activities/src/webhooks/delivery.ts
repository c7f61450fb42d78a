import { Context } from "@temporalio/activity";
import { ApplicationFailure } from "@temporalio/common";
import type { Response as UndiciResponse } from "undici";
import { SecretIntegrityError, webhookSecretName, type Db, type SecretBox, type WebhookSubscription } from "@parley/db";
import { createGuardedFetch, egressRefusal, type EgressDeps } from "../egress";
import { FailureType } from "../types";
import { signedHeaders } from "./signature";
import type { WebhookPayload } from "./payloads";

export interface WebhookDeliveryDeps extends EgressDeps {
  db: Db;
  /** Opens subscriptions' signing secrets (PARLEY_SECRETS_KEY, the API's key). */
  secretBox?: SecretBox;
}

/** One delivery: the stored event (WebhookEvent row id) to one subscription. */
export interface DeliverWebhookInput {
  eventRowId: number;
  subscriptionId: string;
}

export type DeliverWebhookResult = { outcome: "delivered"; status: number } | { outcome: "skipped"; reason: string };

/** A receiver gets this long to answer (Stripe and Svix allow 15-30 s; an endpoint should queue and answer at once). */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** The most of a Retry-After we honour: longer waits fall back to the retry policy's backoff. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;
/** The answer's first bytes kept in the delivery log. */
const LOGGED_BODY_CHARS = 1024;

/**
 * Delivers one event to one subscription, one HTTP attempt per activity attempt; every attempt
 * is written to the delivery log. 2xx delivers. 410 Gone switches the subscription off and stops.
 * Anything else (other statuses, timeouts, connection errors) is retried by the workflow's
 * policy, a 429 or 503's Retry-After deciding the wait. Refused addresses (the SSRF guard, the same
 * as the HTTP request node's) and redirects fail for good: a webhook endpoint answers itself.
 */
export function createWebhookActivities(deps: WebhookDeliveryDeps) {
  const { db } = deps;
  const guardedFetch = createGuardedFetch(deps);

  return {
    async deliverWebhook(input: DeliverWebhookInput): Promise<DeliverWebhookResult> {
      const [subscription, event] = await Promise.all([
        db.webhookSubscription.findUnique({ where: { id: input.subscriptionId } }),
        db.webhookEvent.findUnique({ where: { id: input.eventRowId } }),
      ]);
      if (!subscription) return { outcome: "skipped", reason: "the subscription was deleted" };
      if (!subscription.enabled) return { outcome: "skipped", reason: "the subscription is disabled" };
      if (!event?.payload) return { outcome: "skipped", reason: "the event is gone" };
      if (!deps.secretBox) throw ApplicationFailure.nonRetryable("this worker has no secrets key (PARLEY_SECRETS_KEY), so it cannot sign webhooks", FailureType.WebhookRejected);

      const secrets = openSecrets(deps.secretBox, subscription);
      const payload = event.payload as unknown as WebhookPayload;
      const body = JSON.stringify(payload);
      const { attempt, workflowExecution } = Context.current().info;
      const started = Date.now();
      const record = (outcome: string, fields: { responseStatus?: number; responseBody?: string | null }) =>
        db.webhookDelivery.create({
          data: {
            subscriptionId: subscription.id,
            eventId: payload.id,
            eventType: payload.type,
            workflowId: workflowExecution?.workflowId ?? "",
            attempt,
            outcome,
            durationMs: Date.now() - started,
            responseStatus: fields.responseStatus ?? null,
            responseBody: fields.responseBody?.slice(0, LOGGED_BODY_CHARS) ?? null,
          },
        });

      let response: UndiciResponse;
      try {
        const url = new URL(subscription.url);
        response = await guardedFetch(
          url,
          {
            method: "POST",
            headers: {
              "content-type": "application/json",
              "user-agent": "Parley-Webhooks/1",
              ...signedHeaders(secrets, payload.id, body),
            },
            body,
            signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
          },
          { maxRedirects: 0 },
        );
      } catch (err) {
        const refused = egressRefusal(err) ?? (err instanceof TypeError && /Invalid URL/i.test(err.message) ? err : null);
        // With no redirects allowed, the guard's "more than 0 redirects" means the endpoint answered 3xx.
        const message = refused && /redirects/.test(refused.message) ? "the endpoint answered with a redirect: point the webhook at the final URL" : (refused?.message ?? describeNetworkError(err));
        await record(refused ? "refused" : "failed", { responseBody: message });
        if (refused) throw ApplicationFailure.nonRetryable(`webhook refused: ${message}`, FailureType.WebhookRejected);
        throw new Error(`webhook failed: ${message}`);
      }
      const text = await readStart(response);
      if (response.status >= 200 && response.status < 300) {
        await record("delivered", { responseStatus: response.status, responseBody: text });
        return { outcome: "delivered", status: response.status };
      }
      if (response.status === 410) {
        await record("gone", { responseStatus: 410, responseBody: text });
        await db.webhookSubscription.update({ where: { id: subscription.id }, data: { enabled: false, disabledReason: "the endpoint answered 410 Gone" } });
        throw ApplicationFailure.nonRetryable("webhook endpoint is gone (410): subscription disabled", FailureType.WebhookRejected);
      }
      await record("failed", { responseStatus: response.status, responseBody: text });
      const retryAfter = retryAfterMs(response.headers.get("retry-after"));
      throw ApplicationFailure.create({
        message: `webhook answered HTTP ${response.status}`,
        type: "WebhookFailed",
        ...(retryAfter !== null ? { nextRetryDelay: retryAfter } : {}),
      });
    },
  };
}

/**
 * The signing secrets of the workspace's enabled subscription to exactly `url`, or null: an SLA
 * breach webhook aimed at a registered endpoint is signed like its deliveries, so the receiver
 * verifies both with one secret.
 */
export async function endpointSecrets(db: Db, secretBox: SecretBox | undefined, workspaceId: string, url: string): Promise<string[] | null> {
  if (!secretBox) return null;
  const subscription = await db.webhookSubscription.findFirst({ where: { workspaceId, url, enabled: true }, orderBy: { createdAt: "asc" } });
  return subscription ? openSecrets(secretBox, subscription) : null;
}

/** The secrets that sign: the current one, and the previous one while its grace period lasts. */
function openSecrets(secretBox: SecretBox, subscription: WebhookSubscription): string[] {
  const name = webhookSecretName(subscription.id);
  try {
    const secrets = [secretBox.open(subscription.workspaceId, name, { iv: subscription.secretIv, tag: subscription.secretTag, data: subscription.secretData })];
    const { previousSecretIv: iv, previousSecretTag: tag, previousSecretData: data, previousSecretExpiresAt: expiresAt } = subscription;
    if (iv && tag && data && expiresAt && expiresAt.getTime() > Date.now()) secrets.push(secretBox.open(subscription.workspaceId, name, { iv, tag, data }));
    return secrets;
  } catch (err) {
    // Another key, or an altered row: no retry will open it.
    if (err instanceof SecretIntegrityError) throw ApplicationFailure.nonRetryable(`the signing secret does not open: ${err.message}`, FailureType.WebhookRejected);
    throw err;
  }
}

/** The first LOGGED_BODY_CHARS of an answer, without reading a huge one to its end. */
async function readStart(response: UndiciResponse): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    while (text.length < LOGGED_BODY_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut off mid-way: what arrived is enough for the log.
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, LOGGED_BODY_CHARS);
}

/** Retry-After in ms (delta seconds or an HTTP date), capped; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - now;
  if (!Number.isFinite(ms) || ms < 0) return Number.isFinite(ms) ? 0 : null;
  return Math.min(ms, MAX_RETRY_AFTER_MS);
}

function describeNetworkError(err: unknown): string {
  if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) return `no answer within ${DELIVERY_TIMEOUT_MS / 1000}s`;
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : null;
  return cause ?? (err instanceof Error ? err.message : String(err));
}
