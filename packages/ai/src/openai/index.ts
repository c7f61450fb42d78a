export { createOpenAIConnection, openAIConfigSchema, UNDERSTANDING_TIMEOUT_MS, type OpenAIConfig, type OpenAIConfigInput, type OpenAIConnection } from "./client";
export { classifyOpenAIError, InvalidModelOutputError, type OpenAIFailureKind } from "./errors";
export { withFallback, type Answered, type Engine, type FallbackEvent, type FallbackListener } from "./fallback";
export { OpenAIIntentRecognizer } from "./intent";
export { OpenAISentimentAnalyzer } from "./sentiment";
export { OpenAIEmbedder } from "./embedder";
export { OpenAIReplyGenerator, UNCITED_CONFIDENCE, type OpenAIReplyOptions } from "./reply";
export { OpenAIHandoffSummarizer } from "./handoff-summary";
export { openAIProviders, type LocalEngines, type OpenAIProviders } from "./providers";
