import { extractiveHandoffSummary, type HandoffSummarizer } from "../context/handoff-summary";
import type { IntentRecognizer } from "../intent/types";
import type { Embedder } from "../knowledge/embeddings";
import { extractiveReply } from "../reply/extractive";
import type { Reply, ReplyGenerator } from "../reply/types";
import type { SentimentAnalyzer } from "../sentiment/types";
import { createOpenAIConnection, type OpenAIConfigInput } from "./client";
import { OpenAIEmbedder } from "./embedder";
import { withFallback, type FallbackListener } from "./fallback";
import { OpenAIHandoffSummarizer } from "./handoff-summary";
import { OpenAIQualityAssessor } from "./quality-assessment";
import type { QualityAssessor } from "../quality/assessment";
import { OpenAIIntentRecognizer } from "./intent";
import { OpenAIReplyGenerator, type OpenAIReplyOptions } from "./reply";
import { OpenAISentimentAnalyzer } from "./sentiment";

/** The local engines that answer when OpenAI fails (error, timeout, unusable output). */
export interface LocalEngines {
  intentRecognizer: IntentRecognizer;
  sentimentAnalyzer: SentimentAnalyzer;
  /** Default: the extractive reply (quotes the best passage). */
  replyGenerator?: ReplyGenerator;
  /** Default: the extractive summary. */
  handoffSummarizer?: HandoffSummarizer;
}

export interface OpenAIProviders {
  intentRecognizer: IntentRecognizer;
  sentimentAnalyzer: SentimentAnalyzer;
  replyGenerator: ReplyGenerator;
  handoffSummarizer: HandoffSummarizer;
  /** Not wrapped: semantic search without embeddings is the knowledge search's own fallback. */
  embedder: Embedder;
  /** Not wrapped either: without the model there is no written assessment (the score stands alone). */
  qualityAssessor: QualityAssessor;
}

/**
 * Every AI dependency backed by OpenAI (or a compatible server), each wrapped so that the local
 * engine answers when the call fails. Results say which engine answered (`engine` on intent and
 * sentiment results, `generator` on replies, `by` on summaries).
 */
export function openAIProviders(
  config: OpenAIConfigInput,
  local: LocalEngines,
  options: { onFallback?: FallbackListener; reply?: OpenAIReplyOptions } = {},
): OpenAIProviders {
  const connection = createOpenAIConnection(config);
  const { onFallback } = options;
  const intent = new OpenAIIntentRecognizer(connection);
  const sentiment = new OpenAISentimentAnalyzer(connection);
  const reply = new OpenAIReplyGenerator(connection, options.reply);
  const summary = new OpenAIHandoffSummarizer(connection);
  const localReply = local.replyGenerator ?? extractiveReply;
  const localSummary = local.handoffSummarizer ?? extractiveHandoffSummary;

  const recognize = withFallback(
    "intent",
    { name: intent.name, run: intent.recognize.bind(intent) },
    { name: "local", run: local.intentRecognizer.recognize.bind(local.intentRecognizer) },
    onFallback,
  );
  const analyze = withFallback(
    "sentiment",
    { name: sentiment.name, run: sentiment.analyze.bind(sentiment) },
    { name: "local", run: local.sentimentAnalyzer.analyze.bind(local.sentimentAnalyzer) },
    onFallback,
  );
  const generate = withFallback(
    "reply",
    { name: reply.name, run: reply.generate.bind(reply) },
    { name: localReply.name, run: localReply.generate.bind(localReply) },
    onFallback,
  );
  const summarize = withFallback(
    "handoff-summary",
    { name: summary.name, run: summary.summarize.bind(summary) },
    { name: localSummary.name, run: localSummary.summarize.bind(localSummary) },
    onFallback,
  );

  return {
    intentRecognizer: { recognize },
    sentimentAnalyzer: { analyze },
    // A reply already names its generator; the extra `engine` stamp is dropped to keep the shape.
    replyGenerator: { name: `${reply.name}+${localReply.name}`, generate: async (request) => withoutEngine(await generate(request)) },
    handoffSummarizer: { name: `${summary.name}+${localSummary.name}`, summarize: async (request) => withoutEngine(await summarize(request)) },
    embedder: new OpenAIEmbedder(connection),
    qualityAssessor: new OpenAIQualityAssessor(connection),
  };
}

function withoutEngine<T extends Reply | { text: string; by: string }>(answered: T & { engine: string }): T {
  const { engine: _engine, ...rest } = answered;
  return rest as unknown as T;
}
