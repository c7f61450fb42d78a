import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature, WebhookVerificationError } from "./signature";
import { retryAfterMs } from "./delivery";

const secret = "whsec_test-secret";
const body = JSON.stringify({ id: "evt_1", type: "conversation.created", data: {} });
const signedAt = 1_765_065_600;

describe("verifyWebhookSignature", () => {
  it("accepts a delivery signed with the secret, within the window", () => {
    const signature = signWebhook([secret], signedAt, body);
    expect(signature).toMatch(/^t=1765065600,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ body, signature, secret, now: signedAt + 299 })).toBe(signedAt);
  });

  it("refuses a wrong secret, an altered body and a missing header", () => {
    const signature = signWebhook([secret], signedAt, body);
    expect(() => verifyWebhookSignature({ body, signature, secret: "whsec_other", now: signedAt })).toThrow(WebhookVerificationError);
    expect(() => verifyWebhookSignature({ body: body.replace("evt_1", "evt_2"), signature, secret, now: signedAt })).toThrow(/no signature matches/);
    expect(() => verifyWebhookSignature({ body, signature: undefined, secret, now: signedAt })).toThrow(/no Parley-Signature/);
    expect(() => verifyWebhookSignature({ body, signature: "v1=abc", secret, now: signedAt })).toThrow(/no timestamp/);
  });

  it("refuses a replay outside the timestamp window, and a timestamp moved to look fresh", () => {
    const signature = signWebhook([secret], signedAt, body);
    expect(() => verifyWebhookSignature({ body, signature, secret, now: signedAt + 301 })).toThrow(/outside 300s/);
    expect(() => verifyWebhookSignature({ body, signature, secret, now: signedAt - 301 })).toThrow(/outside 300s/);
    // The timestamp is signed: rewriting t= to now breaks the signature.
    const moved = signature.replace(`t=${signedAt}`, `t=${signedAt + 1000}`);
    expect(() => verifyWebhookSignature({ body, signature: moved, secret, now: signedAt + 1000 })).toThrow(/no signature matches/);
  });

  it("verifies with either secret while a rotated one still signs", () => {
    const signature = signWebhook(["whsec_new", "whsec_old"], signedAt, body);
    expect(verifyWebhookSignature({ body, signature, secret: "whsec_new", now: signedAt })).toBe(signedAt);
    expect(verifyWebhookSignature({ body, signature, secret: "whsec_old", now: signedAt })).toBe(signedAt);
  });
});

describe("retryAfterMs", () => {
  it("reads seconds and HTTP dates, caps long waits and ignores nonsense", () => {
    const now = Date.parse("2026-12-07T00:00:00Z");
    expect(retryAfterMs("2", now)).toBe(2000);
    expect(retryAfterMs("Mon, 07 Dec 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(retryAfterMs("86400", now)).toBe(60 * 60_000);
    expect(retryAfterMs("soon", now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
});
