import { z } from "zod";
import { DEFAULT_TASK_QUEUE } from "@parley/workflows/contracts";
import { payloadKeysEnvSchema } from "@parley/workflows/codec";
import { defaultRateBudgets, type RateBudgets } from "./rate-limits";

const schema = z.object({
  API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  API_HOST: z.string().min(1).default("0.0.0.0"),
  /** Origins allowed to call the API from a browser (comma separated); `*` allows any. */
  API_CORS_ORIGINS: z.string().default("*"),
  TEMPORAL_ADDRESS: z.string().min(1).default("localhost:7233"),
  TEMPORAL_NAMESPACE: z.string().min(1).default("default"),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(DEFAULT_TASK_QUEUE),
  /** Slug of the workspace this server acts for (no authentication yet). */
  PARLEY_WORKSPACE: z.string().min(1).default("demo"),
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
   * Bearer token of the codec endpoint (/codec/decode, /codec/encode) that lets the Temporal UI and CLI
   * read encrypted payloads; unset: the endpoint is off (404). Moves behind sign-in with issue 10's identity.
   */
  /** Browser origins of the Temporal UI that calls the codec endpoint (comma separated). */
  PARLEY_CODEC_CORS_ORIGINS: z.string().default("http://localhost:8233,http://127.0.0.1:8233"),
  PARLEY_CODEC_TOKEN: z.string().trim().optional().transform((value) => value || undefined).pipe(z.string().min(24, "PARLEY_CODEC_TOKEN: at least 24 characters (openssl rand -hex 24)").optional()),
});

export const apiEnv = schema
  .refine((env) => !env.AZURE_SPEECH_KEY || env.AZURE_SPEECH_REGION, { message: "AZURE_SPEECH_KEY needs AZURE_SPEECH_REGION", path: ["AZURE_SPEECH_REGION"] })
  .parse(process.env);

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
