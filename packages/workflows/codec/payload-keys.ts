import { createHash } from "node:crypto";
import { z } from "zod";

/** One AES-256 key of the payload codec, under the id stored with each payload it encrypts. */
export interface PayloadKey {
  id: string;
  key: Uint8Array;
}

/** Key ids travel in payload metadata and in env vars: short, printable, no separators. */
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Throws unless `keys` is a usable keyring: at least one key, 32 bytes each, ids well formed and distinct. */
export function checkPayloadKeys(keys: readonly PayloadKey[]): void {
  if (keys.length === 0) throw new Error("the payload codec needs at least one key");
  const seen = new Set<string>();
  for (const { id, key } of keys) {
    if (!KEY_ID.test(id)) throw new Error(`payload key id "${id}" must be 1–64 letters, digits, dots, dashes or underscores`);
    if (seen.has(id)) throw new Error(`payload key id "${id}" appears twice`);
    seen.add(id);
    if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes (got ${key.length})`);
  }
}

/**
 * Parses PARLEY_PAYLOAD_KEYS: `id:base64-of-32-bytes` entries, comma separated, the first one
 * encrypting new payloads (`openssl rand -base64 32` makes a key). Throws with the reason.
 */
export function parsePayloadKeys(spec: string): PayloadKey[] {
  const keys = spec
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(":");
      const id = colon < 0 ? "" : entry.slice(0, colon).trim();
      const base64 = colon < 0 ? "" : entry.slice(colon + 1).trim();
      // The message never quotes the entry: it may be key material.
      if (!id || !BASE64.test(base64)) throw new Error(`${id ? `key "${id}"` : "an entry"} is not id:base64-of-32-bytes`);
      return { id, key: new Uint8Array(Buffer.from(base64, "base64")) };
    });
  checkPayloadKeys(keys);
  return keys;
}

/**
 * The development key (generated into the data dir when PARLEY_PAYLOAD_KEYS is unset) under an id
 * derived from the key itself: histories written with another data dir's key then fail with
 * "unknown key id" rather than a puzzling authentication error. To keep them readable after
 * setting PARLEY_PAYLOAD_KEYS, list this id and key last.
 */
export function localPayloadKey(key: Uint8Array): PayloadKey {
  return { id: `local-${createHash("sha256").update(key).digest("hex").slice(0, 12)}`, key };
}

/**
 * `PARLEY_PAYLOAD_KEYS` as the API's and the worker's env.ts read it: unset or empty → undefined
 * (a development key from the data dir), otherwise the parsed keys or a validation error.
 */
export const payloadKeysEnvSchema = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    try {
      return parsePayloadKeys(value);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
      return z.NEVER;
    }
  });
