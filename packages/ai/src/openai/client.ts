import OpenAI from "openai";
import { z } from "zod";

/**
 * How Parley reaches OpenAI or an OpenAI-compatible server (Azure OpenAI, vLLM, Ollama, a test
 * server). Read from the environment by the app (apps/worker/src/env.ts) and passed down: this
 * package never reads the environment.
 */
export const openAIConfigSchema = z.object({
  apiKey: z.string().min(1),
  /** Default: the SDK's `https://api.openai.com/v1`. */
  baseURL: z.url().optional(),
  /** Chat model for intent, sentiment, replies and summaries. */
  model: z.string().min(1).default("gpt-4o-mini"),
  embeddingModel: z.string().min(1).default("text-embedding-3-small"),
  /** Per request. The customer is waiting, so a slow answer loses to the local fallback. */
  timeoutMs: z.number().int().positive().default(15_000),
  /** SDK retries of 429/5xx/connection errors before the fallback answers. */
  maxRetries: z.number().int().min(0).max(5).default(1),
});

export type OpenAIConfigInput = z.input<typeof openAIConfigSchema>;
export type OpenAIConfig = z.output<typeof openAIConfigSchema>;

/**
 * Intent and sentiment run as local activities with a 5 s budget (packages/workflows
 * activity-proxies.ts, `understanding`): their OpenAI calls get one attempt of at most 3 s, so the
 * local fallback still answers inside that budget.
 */
export const UNDERSTANDING_TIMEOUT_MS = 3000;

/** Request options of an intent or sentiment call (see `UNDERSTANDING_TIMEOUT_MS`). */
export function understandingRequestOptions(config: OpenAIConfig): { timeout: number; maxRetries: number } {
  return { timeout: Math.min(config.timeoutMs, UNDERSTANDING_TIMEOUT_MS), maxRetries: 0 };
}

/** A configured SDK client together with the models to use. */
export interface OpenAIConnection {
  client: OpenAI;
  config: OpenAIConfig;
}

/** Validates `input` (a clear error for a bad URL or timeout) and builds the SDK client. */
export function createOpenAIConnection(input: OpenAIConfigInput): OpenAIConnection {
  const parsed = openAIConfigSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
    throw new Error(`Invalid OpenAI configuration (${problems})`);
  }
  const config = parsed.data;
  const client = new OpenAI({
    apiKey: config.apiKey,
    ...(config.baseURL ? { baseURL: config.baseURL } : {}),
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
  return { client, config };
}
