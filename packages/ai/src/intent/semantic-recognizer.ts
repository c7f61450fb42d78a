import type { Embedder } from '../knowledge/embeddings';
import type { TrainOptions } from './intent-model';
import { LruCache } from './lru';
import { trainSemanticIntentModel, type SemanticIntentModel } from './semantic-model';
import { TrainedIntentRecognizer } from './trained-recognizer';
import { FALLBACK_INTENT, type IntentRecognition, type IntentRecognizer, type IntentSpec, type RecognizeOptions } from './types';

export interface SemanticRecognizerOptions extends TrainOptions {
  /** Trained models kept (least recently used go first). */
  cacheSize?: number;
  /** Told when the embedder fails and the n-gram model answers alone. */
  onDegraded?: (error: unknown) => void;
}

/**
 * The default intent recognizer when the local sentence encoder is installed: the n-gram model
 * plus sentence-vector similarity to the examples (semantic-model.ts), trained once per distinct
 * set of intents (keyed by content, like TrainedIntentRecognizer) and cached. The message costs
 * one encoder call (~1–3 ms on one core). If the encoder fails, the n-gram model answers alone.
 */
export class SemanticIntentRecognizer implements IntentRecognizer {
  private readonly cache: LruCache<string, Promise<SemanticIntentModel>>;
  private readonly ngram: TrainedIntentRecognizer;

  constructor(
    private readonly embedder: Embedder,
    private readonly options: SemanticRecognizerOptions = {},
  ) {
    this.cache = new LruCache(options.cacheSize ?? 64);
    this.ngram = new TrainedIntentRecognizer(options);
  }

  get name(): string {
    return `ngram+${this.embedder.name}`;
  }

  async recognize(text: string, intents: readonly IntentSpec[], options: RecognizeOptions): Promise<IntentRecognition> {
    if (intents.length === 0 || !/[\p{L}\p{N}]/u.test(text)) return this.ngram.recognizeSync(text, intents, options);
    let ranking;
    try {
      const [model, [vector]] = await Promise.all([this.model(intents), this.embedder.embed([text])]);
      if (!vector) throw new Error('the embedder returned no vector');
      ranking = model.classify(text, vector);
    } catch (err) {
      this.options.onDegraded?.(err);
      return this.ngram.recognizeSync(text, intents, options);
    }
    const confidence = ranking[0]!.score;
    const intent = confidence > 0 && confidence >= options.threshold ? ranking[0]!.intent : FALLBACK_INTENT;
    return { intent, confidence, ranking };
  }

  /** The cached model of these intents, trained now on a miss (a failed training is not kept). */
  model(intents: readonly IntentSpec[]): Promise<SemanticIntentModel> {
    const key = JSON.stringify(intents.map((intent) => [intent.name, intent.examples]));
    let model = this.cache.get(key);
    if (!model) {
      model = trainSemanticIntentModel(intents, this.embedder, this.options);
      this.cache.set(key, model);
      model.catch(() => this.cache.delete(key));
    }
    return model;
  }
}
