import { localIntentEmbedder } from '../encoder/sentence-encoder';
import { SemanticIntentRecognizer } from './semantic-recognizer';
import { TrainedIntentRecognizer } from './trained-recognizer';
import type { IntentRecognizer } from './types';

/**
 * The local intent recognizer a process should use: the n-gram model plus sentence vectors when
 * setup has built the local encoder (INTENT_ENCODER_MODEL, else the search encoder), the
 * n-gram model alone otherwise. Every caller (the
 * conversation's router, the builder's "Try it" box) gets the same model, so they agree.
 */
export function localIntentRecognizer(): IntentRecognizer {
  const embedder = localIntentEmbedder();
  return embedder ? new SemanticIntentRecognizer(embedder) : new TrainedIntentRecognizer();
}
