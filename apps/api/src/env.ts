import { z } from "zod";
import { DEFAULT_TASK_QUEUE } from "@parley/workflows/contracts";
import { payloadKeysEnvSchema } from "@parley/workflows/codec";
import { databaseUrlProblem, dbEnv, isProduction, productionConfigProblems, refuseProductionDefaults } from "@parley/db";
import { defaultRateBudgets, type RateBudgets } from "./rate-limits";

const schema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  API_HOST: z.string().min(1).default("0.0.0.0"),
  /**
   * Origins allowed to call the API from a browser without a session (customer pages holding a
   * conversation token), comma separated; `*` allows any.
   */
  API_CORS_ORIGINS: z.string().default("*"),
  /** Where browsers reach this API (sign-in links and OIDC callbacks point here). */
  API_PUBLIC_URL: z.url().optional(),
  /**
   * Origins of the builder app, comma separated: the only pages that may use a session cookie
   * (everything else is refused as cross-site). Default: the builder on localhost:3000.
   */
  PARLEY_APP_ORIGINS: z.string().default("http://localhost:3000,http://127.0.0.1:3000"),
  /**
   * Signs session cookies, reset links and customers' conversation tokens: 32+ random
   * characters (openssl rand -base64 32). Unset: one generated into the data dir (development).
   */
  PARLEY_AUTH_SECRET: z.string().min(32, "PARLEY_AUTH_SECRET: at least 32 characters (openssl rand -base64 32)").optional(),
  /** Sign-in attempts (right or wrong) per client address and minute before 429. */
  AUTH_SIGN_IN_ATTEMPTS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(5),
  AUTH_SESSION_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** How long a customer's conversation token lasts; the chat renews it whenever the customer comes back. */
  CONVERSATION_TOKEN_MINUTES: z.coerce.number().int().min(1).max(60 * 24 * 30).default(120),
  /**
   * Single sign-on: an OpenID Connect provider's discovery URL, client id and secret. Register
   * `<API_PUBLIC_URL>/api/auth/callback/oidc` as the client's redirect URI at the provider.
   */
  OIDC_DISCOVERY_URL: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The provider's name on the sign-in button. */
  OIDC_NAME: z.string().min(1).default("single sign-on"),
  /** Outgoing mail (password reset links): smtp(s)://user:pass@host:port; unset: links are printed to the log. */
  SMTP_URL: z.url().optional(),
  SMTP_FROM: z.string().min(3).default("Parley <no-reply@localhost>"),
  /**
   * Inbound email: the port of the SMTP endpoint that receives customers' mail for email channels
   * (unset: no endpoint; `./parley start` sets 2525). Point an MX (or a forward) at it.
   */
  PARLEY_SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PARLEY_SMTP_INBOUND_HOST: z.string().min(1).default("0.0.0.0"),
  /** Email channels receive at `<channel public id>@` this domain (the channels' own addresses work too). */
  PARLEY_EMAIL_DOMAIN: z.string().trim().toLowerCase().regex(/^[a-z0-9.-]+$/, "PARLEY_EMAIL_DOMAIN: a domain name").optional(),
  /** The largest inbound email taken (SIZE, refused with 552 above it), attachments included. */
  PARLEY_EMAIL_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(25 * 1024 * 1024),
  /** Twilio's REST API (messages, media); another base only for a proxy or a test double. */
  PARLEY_TWILIO_API_URL: z.url().default("https://api.twilio.com"),
  /** Meta's Graph API for WhatsApp Cloud API channels; another base only for a proxy or a test double. */
  PARLEY_WHATSAPP_API_URL: z.url().default("https://graph.facebook.com"),
  /** The largest media file an SMS/WhatsApp message may bring (larger ones are left out). */
  PARLEY_CHANNEL_MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(16 * 1024 * 1024),
  TEMPORAL_ADDRESS: z.string().min(1).default("localhost:7233"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** Azure Speech (production STT/TTS); without a key the offline engines serve. */
  AZURE_SPEECH_KEY: z.string().min(1).optional(),
  AZURE_SPEECH_REGION: z.string().min(1).optional(),
  /** A custom Azure endpoint (private link, sovereign cloud); default: the region's. */
  AZURE_SPEECH_ENDPOINT: z.url().optional(),
  /** Whisper helper processes of the offline recognizer (finals decoded side by side); default min(2, cores). */ WHISPER_POOL_SIZE: z.coerce.number().int().min(1).max(32).optional(),
  /** Live voice calls this API instance takes at once; the next caller hears "overloaded". */
  VOICE_MAX_CALLS: z.coerce.number().int().min(0).max(10_000).default(50),
  /**
   * Who may name the client in X-Forwarded-For (rate limits key by client address): empty = no
   * one (the socket's peer is the client), a number = that many proxy hops, or addresses and
   * subnets (`loopback`, `10.0.0.0/8`, …), comma separated.
   */
  API_TRUST_PROXY: z.string().default(""),
  /** Requests per client address per minute, by kind; 0 turns that limit off. */
  API_RATE_LIMIT_READS: z.coerce.number().int().min(0).default(defaultRateBudgets.reads),
  API_RATE_LIMIT_STARTS: z.coerce.number().int().min(0).default(defaultRateBudgets.starts),
  API_RATE_LIMIT_SENDS: z.coerce.number().int().min(0).default(defaultRateBudgets.sends),
  API_RATE_LIMIT_UPLOADS: z.coerce.number().int().min(0).default(defaultRateBudgets.uploads),
  /** On SIGTERM, how long requests and live calls in flight get to finish before they are cut. */
  API_DRAIN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  /** Base64 of the 32-byte AES-256-GCM key for stored audio; unset: a key generated into the data dir. */
  PARLEY_AUDIO_KEY: z.string().min(1).optional(),
  /**
   * Keys of the Temporal payload codec (AES-256-GCM), `id:base64-of-32-bytes` comma separated, the
   * first encrypting new payloads; the same list on API and worker. Unset: a key generated into the data dir.
   */
  PARLEY_PAYLOAD_KEYS: payloadKeysEnvSchema,
  /**
   * Browser origins of the Temporal UI that calls the codec endpoint (comma separated): these may
   * send the session cookie; `*` lets any page call with the token only.
   */
  PARLEY_CODEC_CORS_ORIGINS: z.string().default("http://localhost:8233,http://127.0.0.1:8233"),
  /** Base64 of the 32-byte AES-256-GCM key that seals workspace secrets; the worker's key. Unset: data/secrets.key (development). */
  PARLEY_SECRETS_KEY: z.string().min(1).optional(),
  /** Minutes without a request after which an agent who is online reads as away (and is stored so). */
  PARLEY_AUTO_AWAY_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** `production` (either one) turns on the refusal of missing or development keys and passwords. */
  NODE_ENV: z.string().optional(),
  PARLEY_ENV: z.string().optional(),
  /**
   * Bearer token of the codec endpoint (/codec/decode, /codec/encode) for the Temporal CLI and a UI
   * that cannot send cookies; people signed in as supervisor, admin or owner need none.
   */
  PARLEY_CODEC_TOKEN: z.string().trim().optional().transform((value) => value || undefined).pipe(z.string().min(24, "PARLEY_CODEC_TOKEN: at least 24 characters (openssl rand -hex 24)").optional()),
  /**
   * Only whether it is set: the worker then embeds knowledge with OpenAI, and the search tester
   * must not store the local encoder's vectors over them (set it for both processes or neither).
   */
  OPENAI_API_KEY: z.string().trim().optional().transform((value) => value || undefined),
  /** OTLP/HTTP collector base URL (`http://collector:4318`): traces go to `<url>/v1/traces`; unset, no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().trim().optional().transform((value) => value || undefined).pipe(z.url().optional()),
  /**
   * Bearer token that lets Prometheus scrape GET /metrics from anywhere; unset: only a scraper on
   * the same host connecting to loopback directly (never through a proxy) gets the figures.
   */
  PARLEY_METRICS_TOKEN: z.string().trim().optional().transform((value) => value || undefined).pipe(z.string().min(24, "PARLEY_METRICS_TOKEN: at least 24 characters (openssl rand -hex 24)").optional()),
});

export const apiEnv = schema
  .refine((env) => !env.AZURE_SPEECH_KEY || env.AZURE_SPEECH_REGION, { message: "AZURE_SPEECH_KEY needs AZURE_SPEECH_REGION", path: ["AZURE_SPEECH_REGION"] })
  .refine((env) => Boolean(env.OIDC_DISCOVERY_URL) === Boolean(env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET), {
    message: "single sign-on needs OIDC_DISCOVERY_URL, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together",
    path: ["OIDC_DISCOVERY_URL"],
  })
  .parse(process.env);

if (isProduction(apiEnv)) {
  refuseProductionDefaults(
    "the API",
    productionConfigProblems([
      { name: "PARLEY_AUTH_SECRET", value: apiEnv.PARLEY_AUTH_SECRET },
      { name: "DATABASE_URL", value: dbEnv.configuredDatabaseUrl, problem: (url) => databaseUrlProblem(url, dbEnv.embeddedDatabaseUrl) },
      { name: "PARLEY_AUDIO_KEY", value: apiEnv.PARLEY_AUDIO_KEY },
      { name: "PARLEY_PAYLOAD_KEYS", value: apiEnv.PARLEY_PAYLOAD_KEYS ? "configured" : undefined },
      { name: "PARLEY_SECRETS_KEY", value: apiEnv.PARLEY_SECRETS_KEY },
    ]),
  );
}

/** Speech engines as `@parley/voice` takes them: Azure when keyed, the offline engines otherwise. */
export const speechConfig =
  apiEnv.AZURE_SPEECH_KEY && apiEnv.AZURE_SPEECH_REGION
    ? { azure: { key: apiEnv.AZURE_SPEECH_KEY, region: apiEnv.AZURE_SPEECH_REGION, ...(apiEnv.AZURE_SPEECH_ENDPOINT ? { endpoint: apiEnv.AZURE_SPEECH_ENDPOINT } : {}) } }
    : {};

export const rateBudgets: RateBudgets = {
  reads: apiEnv.API_RATE_LIMIT_READS,
  starts: apiEnv.API_RATE_LIMIT_STARTS,
  sends: apiEnv.API_RATE_LIMIT_SENDS,
  uploads: apiEnv.API_RATE_LIMIT_UPLOADS,
};

/** Where browsers reach the API. */
export const apiPublicUrl = (apiEnv.API_PUBLIC_URL ?? `http://localhost:${apiEnv.API_PORT}`).replace(/\/$/, "");

export const appOrigins = apiEnv.PARLEY_APP_ORIGINS.split(",").map((origin) => origin.trim()).filter(Boolean);

export const oidcConfig =
  apiEnv.OIDC_DISCOVERY_URL && apiEnv.OIDC_CLIENT_ID && apiEnv.OIDC_CLIENT_SECRET
    ? { discoveryUrl: apiEnv.OIDC_DISCOVERY_URL, clientId: apiEnv.OIDC_CLIENT_ID, clientSecret: apiEnv.OIDC_CLIENT_SECRET, name: apiEnv.OIDC_NAME }
    : undefined;
