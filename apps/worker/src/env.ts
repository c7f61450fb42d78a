import { z } from "zod";
import { DEFAULT_TASK_QUEUE } from "@parley/workflows/contracts";
import { payloadKeysEnvSchema } from "@parley/workflows/codec";
import { createEgressPolicy } from "@parley/activities";
import { databaseUrlProblem, dbEnv, isProduction, productionConfigProblems, refuseProductionDefaults } from "@parley/db";

/** An empty variable (`OPENAI_API_KEY=`) counts as unset. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

const schema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default("localhost:7233"),
  /** Twilio's REST API (messages, media); another base only for a proxy or a test double. */
  PARLEY_TWILIO_API_URL: z.url().default("https://api.twilio.com"),
  /** Meta's Graph API for WhatsApp Cloud API channels; another base only for a proxy or a test double. */
  PARLEY_WHATSAPP_API_URL: z.url().default("https://graph.facebook.com"),
  /** The API's public URL (the API's same setting): Twilio posts our messages' delivery status there; unset, none are asked for. */
  API_PUBLIC_URL: z.url().optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** Idle minutes after which an online agent is away and gets no offers (the API's same setting). */
  PARLEY_AUTO_AWAY_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  /** Comma-separated hosts HTTP request nodes may call (`*.example.com` allowed); empty: any. */
  PARLEY_HTTP_ALLOWED_HOSTS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((host) => host.trim()).filter(Boolean)),
  /**
   * Comma-separated non-public networks (CIDRs, addresses, or `*` for all but cloud metadata)
   * that HTTP request nodes and SLA webhooks may reach; empty: public addresses only.
   */
  PARLEY_HTTP_ALLOWED_NETWORKS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((entry) => entry.trim()).filter(Boolean))
    .superRefine((entries, ctx) => {
      try {
        createEgressPolicy(entries);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: err instanceof Error ? err.message : String(err) });
      }
    }),
  /** Azure Speech for the voice activities; without a key the offline engines serve. */
  AZURE_SPEECH_KEY: z.string().min(1).optional(),
  AZURE_SPEECH_REGION: z.string().min(1).optional(),
  AZURE_SPEECH_ENDPOINT: z.url().optional(),
  /** Whisper helper processes of the offline recognizer (transcriptions side by side); default min(2, cores). */ WHISPER_POOL_SIZE: z.coerce.number().int().min(1).max(32).optional(),
  /** Base64 of the 32-byte AES-256-GCM key for stored audio (the API's key: both read the same audio). */
  PARLEY_AUDIO_KEY: z.string().min(1).optional(),
  /**
   * Keys of the Temporal payload codec (AES-256-GCM), `id:base64-of-32-bytes` comma separated, the
   * first encrypting new payloads; the same list on API and worker. Unset: a key generated into the data dir.
   */
  PARLEY_PAYLOAD_KEYS: payloadKeysEnvSchema,
  /** Base64 of the 32-byte key that seals workspace secrets (the API's key); unset: data/secrets.key (development). */
  PARLEY_SECRETS_KEY: z.string().min(1).optional(),
  /**
   * How often the retention sweep runs (a Temporal Schedule the worker keeps up to date): a
   * duration like `24h`, `6h`, `30m`, or `off` to stop it. Default once a day.
   */
  PARLEY_RETENTION_SWEEP_EVERY: z
    .string()
    .trim()
    .default("24h")
    .refine((value) => value === "off" || /^\d+(m|h|d)$/.test(value), "PARLEY_RETENTION_SWEEP_EVERY: a number of minutes, hours or days (30m, 6h, 1d) or off"),
  /**
   * `true` keeps Temporal's per-promise stack traces in conversation workflows (the UI's stack
   * trace query, frames on errors thrown in workflow code), at a third of the workflow thread's
   * CPU per message; default off (workflow-stack-traces.ts).
   */
  PARLEY_WORKFLOW_STACK_TRACES: z.stringbool().default(false),
  /** OTLP/HTTP collector base URL (`http://collector:4318`): traces go to `<url>/v1/traces`; unset, no tracing at all. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.string().trim().optional().transform((value) => value || undefined).pipe(z.url().optional()),
  /**
   * Port of the worker's Prometheus listener (GET /metrics): its own figures and team queue
   * depths, followed by the Temporal SDK's (polls, task latencies, activity executions), which
   * the SDK serves on the next port, bound to loopback. Unset: no listener, no SDK exporter.
   */
  WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65534).optional(),
  /** Where that listener binds; the default keeps it on this host. */
  WORKER_METRICS_HOST: z.string().trim().min(1).default("127.0.0.1"),
  /** Bearer token a scraper must send when set (the API's same setting); unset: loopback scrapers not behind a proxy. */
  PARLEY_METRICS_TOKEN: optionalText.pipe(z.string().min(24, "PARLEY_METRICS_TOKEN: at least 24 characters (openssl rand -hex 24)").optional()),
  /** `production` (either one) turns on the refusal of missing or development keys and passwords. */
  NODE_ENV: z.string().optional(),
  PARLEY_ENV: z.string().optional(),
  /** Outgoing mail for scheduled reports sent by email (the API's same relay): smtp(s)://user:pass@host:port; unset, they are skipped. */
  SMTP_URL: optionalText.pipe(z.url().refine((url) => /^smtps?:/.test(url), "SMTP_URL: smtp:// or smtps://").optional()),
  SMTP_FROM: z.string().min(3).default("Parley <no-reply@localhost>"),
  /** OpenAI (or an OpenAI-compatible server) for intent, sentiment, replies, summaries and embeddings; unset: local engines only. */
  /** The HubSpot connector's API (default https://api.hubapi.com): a proxy, or a test's loopback server. */
  HUBSPOT_API_URL: optionalText.pipe(z.url().optional()),
  OPENAI_API_KEY: optionalText,
  /** Default: api.openai.com; e.g. an Azure OpenAI, vLLM or Ollama endpoint ending in /v1. */
  OPENAI_BASE_URL: optionalText.pipe(z.url().optional()),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  OPENAI_EMBEDDING_MODEL: z.string().min(1).default("text-embedding-3-small"),
  /** Per request; past it the local engine answers. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),
});

export const workerEnv = schema
  .refine((env) => !env.AZURE_SPEECH_KEY || env.AZURE_SPEECH_REGION, { message: "AZURE_SPEECH_KEY needs AZURE_SPEECH_REGION", path: ["AZURE_SPEECH_REGION"] })
  .parse(process.env);

// The worker never signs sessions, so PARLEY_AUTH_SECRET is not asked of it (it need not hold it).
if (isProduction(workerEnv)) {
  refuseProductionDefaults(
    "the worker",
    productionConfigProblems([
      { name: "DATABASE_URL", value: dbEnv.configuredDatabaseUrl, problem: (url) => databaseUrlProblem(url, dbEnv.embeddedDatabaseUrl) },
      { name: "PARLEY_AUDIO_KEY", value: workerEnv.PARLEY_AUDIO_KEY },
      { name: "PARLEY_PAYLOAD_KEYS", value: workerEnv.PARLEY_PAYLOAD_KEYS ? "configured" : undefined },
      { name: "PARLEY_SECRETS_KEY", value: workerEnv.PARLEY_SECRETS_KEY },
    ]),
  );
}

/** Speech engines as `@parley/voice` takes them: Azure when keyed, the offline engines otherwise. */
export const speechConfig =
  workerEnv.AZURE_SPEECH_KEY && workerEnv.AZURE_SPEECH_REGION
    ? { azure: { key: workerEnv.AZURE_SPEECH_KEY, region: workerEnv.AZURE_SPEECH_REGION, ...(workerEnv.AZURE_SPEECH_ENDPOINT ? { endpoint: workerEnv.AZURE_SPEECH_ENDPOINT } : {}) } }
    : {};

/** The OpenAI settings as `@parley/ai` takes them, or null without a key. */
export const openAIConfig = workerEnv.OPENAI_API_KEY
  ? {
      apiKey: workerEnv.OPENAI_API_KEY,
      baseURL: workerEnv.OPENAI_BASE_URL,
      model: workerEnv.OPENAI_MODEL,
      embeddingModel: workerEnv.OPENAI_EMBEDDING_MODEL,
      timeoutMs: workerEnv.OPENAI_TIMEOUT_MS,
    }
  : null;
