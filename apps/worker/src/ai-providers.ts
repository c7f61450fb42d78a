import type { ActivityDeps } from "@parley/activities";
import {
  LexiconSentimentAnalyzer,
  localIntentRecognizer,
  localSentenceEmbedder,
  openAIProviders,
  type FallbackEvent,
  type OpenAIConfigInput,
} from "@parley/ai";

export type AiActivityDeps = Pick<ActivityDeps, "intentRecognizer" | "sentimentAnalyzer" | "replyGenerator" | "handoffSummarizer" | "embedder" | "qualityAssessor">;

/**
 * The worker's AI engines. Without an OpenAI key: the local sentence encoder (when setup built
 * it) for knowledge search, and the activities' local defaults for the rest (whose intent
 * recognizer uses the same encoder). With one: OpenAI (or a compatible server at `baseURL`) for intent, sentiment, replies,
 * summaries and embeddings, each falling back to the local engine when a call fails; every
 * fallback is logged with its reason (a wrong key shows as `auth` on the first message). With a
 * key, a finished conversation's quality score also gets a written rubric assessment.
 */
export function aiActivityDeps(
  openai: OpenAIConfigInput | null,
  log: (event: FallbackEvent) => void = logFallback,
): AiActivityDeps {
  if (!openai) {
    const embedder = localSentenceEmbedder();
    return embedder ? { embedder } : {};
  }
  // The same local engines the activities default to (see packages/activities/src/understanding.ts).
  const providers = openAIProviders(
    openai,
    { intentRecognizer: localIntentRecognizer(), sentimentAnalyzer: new LexiconSentimentAnalyzer() },
    { onFallback: log },
  );
  return {
    intentRecognizer: providers.intentRecognizer,
    sentimentAnalyzer: providers.sentimentAnalyzer,
    replyGenerator: providers.replyGenerator,
    handoffSummarizer: providers.handoffSummarizer,
    embedder: providers.embedder,
    qualityAssessor: providers.qualityAssessor,
  };
}

function logFallback(event: FallbackEvent): void {
  console.warn(`[ai] ${event.task}: ${event.primary} failed (${event.kind}: ${event.error.message}); ${event.fallback} answered`);
}
