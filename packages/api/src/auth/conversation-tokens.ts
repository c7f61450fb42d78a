import { SignJWT, jwtVerify, errors } from "jose";
import { LruCache } from "@parley/ai";

/**
 * The customer's credential: a short-lived signed token (HS256 JWT) naming one conversation and
 * its workspace. Verifying it costs no database read, so the customer's hot path (sending a
 * message) stays as fast as before sign-in existed.
 */
export interface ConversationTokens {
  issue(claims: CustomerClaims): Promise<{ token: string; expiresAt: Date }>;
  /** The claims of a valid token; null for a forged, expired or foreign one. */
  verify(token: string): Promise<CustomerClaims | null>;
}

export interface CustomerClaims {
  conversationId: string;
  workspaceId: string;
}

const AUDIENCE = "parley:conversation";

/**
 * Tokens already verified, with their claims and expiry. A customer sends the same token with
 * every message of a conversation, and checking its HMAC (WebCrypto, an async job on the thread
 * pool) cost ~0.4 ms of CPU per message (bench/message-roundtrip/profile.ts): a token that
 * verified once is the very same string, so it stays valid until it expires. Forged or expired
 * tokens are never remembered. 10k tokens of ~250 bytes: a few MB at most.
 */
const VERIFIED_TOKENS_CACHED = 10_000;

export function conversationTokens(secret: Uint8Array, ttlSeconds: number): ConversationTokens {
  if (secret.length < 32) throw new Error("the conversation token secret must have at least 32 bytes");
  const verified = new LruCache<string, { claims: CustomerClaims; expiresAtMs: number }>(VERIFIED_TOKENS_CACHED);
  return {
    async issue({ conversationId, workspaceId }) {
      const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
      const token = await new SignJWT({ ws: workspaceId })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject(conversationId)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
        .sign(secret);
      return { token, expiresAt };
    },
    async verify(token) {
      const known = verified.get(token);
      if (known) {
        if (Date.now() < known.expiresAtMs) return known.claims;
        verified.delete(token);
      }
      try {
        const { payload } = await jwtVerify(token, secret, { audience: AUDIENCE, algorithms: ["HS256"] });
        if (typeof payload.sub !== "string" || typeof payload.ws !== "string") return null;
        const claims = { conversationId: payload.sub, workspaceId: payload.ws };
        // jose has just checked `exp` (in seconds); a token without one is not remembered.
        if (typeof payload.exp === "number") verified.set(token, { claims, expiresAtMs: payload.exp * 1000 });
        return claims;
      } catch (err) {
        if (err instanceof errors.JOSEError) return null;
        throw err;
      }
    },
  };
}
