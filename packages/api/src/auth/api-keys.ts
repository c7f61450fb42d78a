import { createHash, randomBytes } from "node:crypto";

/**
 * API keys are 32 random bytes: far beyond guessing, so one fast sha256 is the right hash (a
 * password hash's slowness protects low-entropy secrets, which these are not) and lets a request
 * find its key by an indexed lookup. The prefix (`pk_` + 8 characters) is kept to recognise a
 * key in lists and logs.
 */
export const API_KEY_PREFIX = "pk_";

export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 8), hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return value.startsWith(API_KEY_PREFIX) && value.length > API_KEY_PREFIX.length + 16 && value.length < 200;
}

/** Invitation links carry a token the same way: random, shown once, stored as its sha256. */
export function generateLinkToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString("base64url");
  return { token, hash: hashApiKey(token) };
}
