import type { Client } from "@temporalio/client";
import type { Db, SecretBox } from "@parley/db";
import type { Embedder } from "@parley/activities";
import type { ParleyAuth } from "./auth/better-auth";
import type { ConversationTokens } from "./auth/conversation-tokens";
import type { Caller } from "./auth/caller";
import type { ChangeFeed } from "./live/change-feed";

/** What the server builds once and every request shares. */
export interface ApiServices {
  db: Db;
  temporal: Client;
  taskQueue: string;
  /** People's sign-in and sessions (Better Auth). */
  auth: ParleyAuth;
  /** Customers' signed conversation tokens. */
  tokens: ConversationTokens;
  /** Browser origins that may use a session cookie; a cookie write from elsewhere is refused. */
  trustedOrigins: string[];
  /** Embeds documents at upload and queries in the knowledge search tester (OpenAI when keyed); BM25 only without. */
  knowledgeEmbedder?: Embedder;
  /** Seals workspace secrets as they are set (the worker opens them); without it secrets cannot be set. */
  secretBox?: SecretBox;
  /** An agent online without a request for this long reads (and is stored) as away; default 10 minutes. */
  autoAwayMs?: number;
  /** The speech engines the API's voice gateway runs; absent where the process has no gateway. */
  voiceEngines?: { stt: string; tts: string };
  /** The domain whose `<channel public id>@` addresses reach email channels (PARLEY_EMAIL_DOMAIN). */
  emailDomain?: string;
  /** The API's public base URL: the webhook URLs Settings shows for SMS and WhatsApp channels. */
  apiPublicUrl?: string;
  /** Outgoing mail is configured (SMTP_URL): saved reports may be scheduled to email addresses. */
  mailsReports?: boolean;
  /** This process's reader of the change feed, shared by its live subscriptions (routers/live.ts). */
  liveFeed: ChangeFeed;
  /**
   * How long a conversation start or a customer's send may wait on Temporal before the caller
   * hears 503 (default DEFAULT_SEND_DEADLINE_MS): with no worker polling, an Update-with-Start
   * would otherwise wait for ever.
   */
  conversationDeadlineMs?: number;
}

/** The request as the authorization point sees it. */
export interface RequestInfo {
  headers: Headers;
  method: string;
  /** The client's address as far as trusted proxies vouch for it. */
  ip: string | null;
}

/**
 * What every procedure gets: the shared services and the request. Who is calling is worked out
 * by the procedure's policy (procedures.ts) from the request's credentials, never from its input.
 */
export interface ApiContext extends ApiServices {
  request: RequestInfo;
  /**
   * A caller the server has already identified (the voice gateway, after checking the call's
   * token; tests). Never set from a request: createContext in the HTTP server leaves it out.
   */
  caller?: Caller;
}
