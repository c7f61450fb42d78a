import { trainIntentModel, type IntentModel, type TrainOptions } from './intent-model';
import { LruCache } from './lru';
import { FALLBACK_INTENT, type IntentRecognition, type IntentRecognizer, type IntentSpec, type RecognizeOptions } from './types';

export interface TrainedRecognizerOptions extends TrainOptions {
  /** Trained models kept (least recently used go first). A model of 10 intents × 20 examples is ~1 MB. */
  cacheSize?: number;
}

/**
 * The default intent recognizer: a model trained from the router's own examples (see
 * intent-model.ts), once per distinct set of intents, then cached.
 *
 * The cache key is the intents' content (names and examples, in order), not a flow version id:
 * a published version's router always sends the same intents, so it maps to one entry all the
 * same, and a key derived from the content can never serve a stale model (drafts, tests, the
 * builder's "Try it" box). Building the key costs a few microseconds per call.
 */
export class TrainedIntentRecognizer implements IntentRecognizer {
  private readonly cache: LruCache<string, IntentModel>;
  private readonly keys = new WeakMap<readonly IntentSpec[], string>();

  constructor(private readonly options: TrainedRecognizerOptions = {}) {
    this.cache = new LruCache(options.cacheSize ?? 64);
  }

  async recognize(text: string, intents: readonly IntentSpec[], options: RecognizeOptions): Promise<IntentRecognition> {
    return this.recognizeSync(text, intents, options);
  }

  /** The same, synchronously: well under a millisecond once the model is cached. */
  recognizeSync(text: string, intents: readonly IntentSpec[], { threshold }: RecognizeOptions): IntentRecognition {
    if (intents.length === 0) return { intent: FALLBACK_INTENT, confidence: 0, ranking: [] };
    if (!/[\p{L}\p{N}]/u.test(text)) {
      // No words, no evidence: every intent scores 0 and the router falls back.
      return { intent: FALLBACK_INTENT, confidence: 0, ranking: intents.map(({ name }) => ({ intent: name, score: 0 })) };
    }
    const ranking = this.model(intents).classify(text);
    const confidence = ranking[0]!.score;
    const intent = confidence > 0 && confidence >= threshold ? ranking[0]!.intent : FALLBACK_INTENT;
    return { intent, confidence, ranking };
  }

  /** The cached model of these intents, trained now on a miss (the publish path warms it). */
  model(intents: readonly IntentSpec[]): IntentModel {
    // The same array again (a caller that keeps its intents) skips building the key.
    let key = this.keys.get(intents);
    if (key === undefined) {
      key = JSON.stringify(intents.map((intent) => [intent.name, intent.examples]));
      this.keys.set(intents, key);
    }
    let model = this.cache.get(key);
    if (!model) {
      model = trainIntentModel(intents, this.options);
      this.cache.set(key, model);
    }
    return model;
  }
}
