/**
 * @parley/ai — language understanding for conversations: intent recognition, sentiment,
 * knowledge search and reply generation. Pure library (no Temporal, no database); the activities
 * in @parley/activities wrap it.
 *
 * The implementations here are simple local baselines (word overlap with examples, a lexicon);
 * callers depend on the `IntentRecognizer` / `SentimentAnalyzer` interfaces so trained models
 * can replace them.
 */
export {
  FALLBACK_INTENT,
  type IntentRecognition,
  type IntentRecognizer,
  type IntentScore,
  type IntentSpec,
  type RecognizeOptions,
} from './intent/types';
export { ExampleOverlapRecognizer } from './intent/example-overlap';
export {
  SENTIMENT_LABEL_CUTOFF,
  sentimentLabel,
  type SentimentAnalyzer,
  type SentimentLabel,
  type SentimentResult,
} from './sentiment/types';
export { LexiconSentimentAnalyzer, scoreSentiment } from './sentiment/lexicon-scorer';
export * from './knowledge';
export * from './reply';
export * from './context';
export * from './openai';
export { TrainedIntentRecognizer, type TrainedRecognizerOptions } from './intent/trained-recognizer';
export { crossValidateIntents, trainIntentModel, type CrossValidation, type IntentModel, type TrainOptions } from './intent/intent-model';
export { checkIntents, MIN_EXAMPLES_PER_INTENT, type IntentWarning } from './intent/intent-check';
export * from './entities';
export { LruCache } from './intent/lru';
export { sentimentTrend, type SentimentDirection, type SentimentTrend, type TrendOptions } from './sentiment/trend';
export * from './quality';
export { ANSWERABLE_MIN_SIMILARITY, defaultSentenceEncoderDir, LocalSentenceEmbedder, localIntentEmbedder, localSentenceEmbedder, type SentenceEncoderOptions } from './encoder/sentence-encoder';
export { DEFAULT_ENCODER_MODEL, INTENT_ENCODER_MODEL, SENTENCE_ENCODER_MODELS, defaultEncoderModel, installedCandidateModels, type SentenceEncoderModel, type SentenceEncoderModelName } from './encoder/encoder-models';
export { SemanticIntentRecognizer, type SemanticRecognizerOptions } from './intent/semantic-recognizer';
export { trainSemanticIntentModel, type SemanticIntentModel } from './intent/semantic-model';
export { localIntentRecognizer } from './intent/local-recognizer';
