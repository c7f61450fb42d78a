import { createHmac, timingSafeEqual } from "node:crypto";

/** Meta's X-Hub-Signature-256: `sha256=` + hex HMAC-SHA256 of the raw body, keyed with the app secret. */
export function whatsappSignature(appSecret: string, rawBody: Uint8Array): string {
  return `sha256=${createHmac("sha256", appSecret).update(rawBody).digest("hex")}`;
}

/** Constant-time check of the header; false when missing or malformed. */
export function verifyWhatsappSignature(appSecret: string, rawBody: Uint8Array, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(whatsappSignature(appSecret, rawBody));
  const given = Buffer.from(header.trim().toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The GET Meta sends when the webhook is registered: the challenge to echo, or null to refuse. */
export function whatsappVerification(query: URLSearchParams, verifyToken: string | null): string | null {
  if (query.get("hub.mode") !== "subscribe" || !verifyToken) return null;
  const given = Buffer.from(query.get("hub.verify_token") ?? "");
  const expected = Buffer.from(verifyToken);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return query.get("hub.challenge");
}
