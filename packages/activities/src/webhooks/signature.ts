import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * How Parley signs a webhook delivery (Stripe's scheme):
 *
 *   Parley-Webhook-Id:        evt_123               the event id, the same on every retry and redelivery
 *   Parley-Webhook-Timestamp: 1765065600            Unix seconds when this attempt was signed
 *   Parley-Signature:         t=1765065600,v1=<hex>[,v1=<hex>]
 *
 * v1 = hex(HMAC-SHA256(secret, `${timestamp}.${body}`)) over the exact body bytes. Right after a
 * secret rotation a delivery carries one v1 per live secret, so a receiver with either verifies.
 */
export const WEBHOOK_ID_HEADER = "parley-webhook-id";
export const WEBHOOK_TIMESTAMP_HEADER = "parley-webhook-timestamp";
export const WEBHOOK_SIGNATURE_HEADER = "parley-signature";

/** How far a signature's timestamp may be from the receiver's clock: older ones are replays. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

const hmac = (secret: string, timestamp: number, body: string) => createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");

/** The Parley-Signature header of `body` signed at `timestamp` (Unix seconds) with each secret. */
export function signWebhook(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(",");
}

/** The three headers of a signed request: the event id, the signing time and the signature. */
export function signedHeaders(secrets: readonly string[], eventId: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return { [WEBHOOK_ID_HEADER]: eventId, [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp), [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secrets, timestamp, body) };
}

/** Why a delivery did not verify: missing headers, a stale (replayed) timestamp or no matching signature. */
export class WebhookVerificationError extends Error {
  override name = "WebhookVerificationError";
}

export interface VerifyWebhookInput {
  /** The raw request body, exactly as received (parse the JSON only after verifying). */
  body: string;
  /** The Parley-Signature header. */
  signature: string | null | undefined;
  secret: string;
  /** Default DEFAULT_TOLERANCE_SECONDS. */
  toleranceSeconds?: number;
  /** The receiver's clock in Unix seconds (default now). */
  now?: number;
}

/**
 * Checks a delivery the way a receiver should: the signed timestamp is within the tolerance of
 * the receiver's clock (a captured delivery replayed later fails), and one v1 signature matches
 * the secret (compared in constant time). Returns the signed timestamp; throws
 * WebhookVerificationError otherwise. De-duplicate on Parley-Webhook-Id after this passes.
 */
export function verifyWebhookSignature({ body, signature, secret, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now }: VerifyWebhookInput): number {
  if (!signature) throw new WebhookVerificationError("no Parley-Signature header");
  const parts = signature.split(",").map((part) => part.trim().split("=", 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([key]) => key === "t")?.[1]);
  if (!Number.isInteger(timestamp)) throw new WebhookVerificationError("the signature has no timestamp");
  const clock = now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(clock - timestamp) > toleranceSeconds) throw new WebhookVerificationError(`the timestamp is ${clock - timestamp}s away from now (outside ${toleranceSeconds}s)`);
  const expected = Buffer.from(hmac(secret, timestamp, body), "hex");
  const matches = parts
    .filter(([key, value]) => key === "v1" && value !== undefined && /^[0-9a-f]{64}$/.test(value))
    .some(([, value]) => timingSafeEqual(Buffer.from(value!, "hex"), expected));
  if (!matches) throw new WebhookVerificationError("no signature matches the secret");
  return timestamp;
}
