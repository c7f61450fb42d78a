import { SignJWT, jwtVerify, errors } from "jose";

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

export function conversationTokens(secret: Uint8Array, ttlSeconds: number): ConversationTokens {
  if (secret.length < 32) throw new Error("the conversation token secret must have at least 32 bytes");
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
      try {
        const { payload } = await jwtVerify(token, secret, { audience: AUDIENCE, algorithms: ["HS256"] });
        if (typeof payload.sub !== "string" || typeof payload.ws !== "string") return null;
        return { conversationId: payload.sub, workspaceId: payload.ws };
      } catch (err) {
        if (err instanceof errors.JOSEError) return null;
        throw err;
      }
    },
  };
}
