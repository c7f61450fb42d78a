import { createHash } from "node:crypto";
import type { Client } from "@temporalio/client";
import { createSecretBox, databaseKind, type Db } from "@parley/db";
import type { Embedder } from "@parley/activities";
import type { ApiServices } from "./context";
import { createAuth, type OidcOptions } from "./auth/better-auth";
import { conversationTokens } from "./auth/conversation-tokens";
import { tellQueues } from "./routing-signals";
import { ChangeFeed } from "./live/change-feed";

export interface ApiServicesOptions {
  db: Db;
  /** The database URL, to tell the auth library which SQL dialect it speaks. */
  databaseUrl: string;
  temporal: Client;
  taskQueue: string;
  /** 32+ characters; signs sessions, reset links and conversation tokens (each under its own derived key). */
  secret: string;
  /** Where browsers reach the API. */
  publicUrl: string;
  /** The builder's origins: the only pages that may use a session. */
  appOrigins: string[];
  signInAttemptsPerMinute?: number;
  sessionDays?: number;
  conversationTokenMinutes?: number;
  sendPasswordReset?: (to: { email: string; name: string }, url: string) => Promise<void>;
  oidc?: OidcOptions;
  knowledgeEmbedder?: Embedder;
  /** 32-byte key that seals workspace secrets (PARLEY_SECRETS_KEY, the worker's too). */
  secretsKey?: Uint8Array;
  /** PARLEY_AUTO_AWAY_MINUTES: idle minutes after which an online agent is away. */
  autoAwayMinutes?: number;
  /** The speech engines the API's voice gateway runs (names), for the health page. */
  voiceEngines?: { stt: string; tts: string };
  /** PARLEY_EMAIL_DOMAIN: email channels receive at `<public id>@` this domain. */
  emailDomain?: string;
  /** SMTP_URL is set (the worker sends through the same relay): reports may be emailed. */
  mailsReports?: boolean;
  /** How often the live feed reads new changes while someone listens (default 300 ms). */
  livePollMs?: number;
  /** See ApiServices.conversationDeadlineMs. */
  conversationDeadlineMs?: number;
}

/** One secret, separate keys: a conversation token can never pass for a session and back. */
function derivedKey(secret: string, purpose: string): Buffer {
  return createHash("sha256").update(`parley:${purpose}:`).update(secret).digest();
}

/** What the API's procedures share: the database, Temporal, people's sign-in and customers' tokens. */
export function createApiServices(options: ApiServicesOptions): ApiServices {
  const auth = createAuth({
    db: options.db,
    databaseKind: databaseKind(options.databaseUrl),
    secret: derivedKey(options.secret, "sessions").toString("base64"),
    baseURL: options.publicUrl,
    trustedOrigins: options.appOrigins,
    signInAttemptsPerMinute: options.signInAttemptsPerMinute ?? 5,
    sessionDays: options.sessionDays ?? 7,
    secureCookies: options.publicUrl.startsWith("https://"),
    sendPasswordReset:
      options.sendPasswordReset ??
      (async (to, url) => {
        console.log(`[auth] password reset for ${to.email}: ${url}`);
      }),
    ...(options.oidc ? { oidc: options.oidc } : {}),
    onWentOffline: (userId, workspaceIds) => {
      for (const workspaceId of workspaceIds) tellQueues({ db: options.db, temporal: options.temporal }, { workspaceId, userId, available: false });
    },
  });
  return {
    db: options.db,
    temporal: options.temporal,
    taskQueue: options.taskQueue,
    auth,
    tokens: conversationTokens(derivedKey(options.secret, "conversation-tokens"), (options.conversationTokenMinutes ?? 120) * 60),
    trustedOrigins: options.appOrigins,
    liveFeed: new ChangeFeed(options.db, options.livePollMs),
    ...(options.knowledgeEmbedder ? { knowledgeEmbedder: options.knowledgeEmbedder } : {}),
    ...(options.secretsKey ? { secretBox: createSecretBox(options.secretsKey) } : {}),
    ...(options.autoAwayMinutes ? { autoAwayMs: options.autoAwayMinutes * 60_000 } : {}),
    ...(options.voiceEngines ? { voiceEngines: options.voiceEngines } : {}),
    ...(options.conversationDeadlineMs ? { conversationDeadlineMs: options.conversationDeadlineMs } : {}),
    ...(options.mailsReports ? { mailsReports: true } : {}),
    ...(options.emailDomain ? { emailDomain: options.emailDomain.toLowerCase() } : {}),
    apiPublicUrl: options.publicUrl.replace(/\/$/, ""),
  };
}
