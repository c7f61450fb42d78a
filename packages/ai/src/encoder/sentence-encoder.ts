/**
 * The local sentence encoder on onnxruntime-node: all-MiniLM-L6-v2 by default, bge-small-en-v1.5
 * on request (encoder-models.ts says where each comes from and why; both int8, 384 dimensions,
 * unit length). Nothing is downloaded at run time. One session per process, one intra-op thread
 * (callers scale across cores), batches padded to their longest text, and the vectors of recent
 * texts kept (intent examples and repeated questions are embedded once).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { LruCache } from '../intent/lru';
import type { Embedder } from '../knowledge/embeddings';
import { DEFAULT_ENCODER_MODEL, INTENT_ENCODER_MODEL, SENTENCE_ENCODER_MODELS, defaultEncoderModel, encoderInstalled, type SentenceEncoderModel, type SentenceEncoderModelName } from './encoder-models';
import { WordPieceTokenizer } from './wordpiece';

/** Where `./parley setup` builds all-MiniLM-L6-v2: <repo>/.tools/sentence-encoder. */
export const defaultSentenceEncoderDir: string = SENTENCE_ENCODER_MODELS['all-MiniLM-L6-v2'].dir;

/**
 * Tokens per text, [CLS] and [SEP] included. The model was trained on up to 128 word pieces
 * (sentence-transformers cuts at 256); a chunk's first 256 pieces say what it is about.
 */
const MAX_TOKENS = 256;
/** Texts per model call: large enough to amortise the call, small enough that padding stays cheap. */
const BATCH_SIZE = 16;
const DIMENSIONS = 384;
/**
 * all-MiniLM-L6-v2's answerability cut (`Embedder.answerableSimilarity`; each model has its own in
 * encoder-models.ts): question and answering paragraph are close in meaning even when they share
 * no word ("my suitcase didn't come off the plane" / "if your bag does not arrive"); an
 * unanswerable question that shares words with an article is not.
 */
export const ANSWERABLE_MIN_SIMILARITY: number = SENTENCE_ENCODER_MODELS['all-MiniLM-L6-v2'].answerableSimilarity;

export interface SentenceEncoderOptions {
  /** Which model (encoder-models.ts). Default: DEFAULT_ENCODER_MODEL. */
  model?: SentenceEncoderModelName;
  /** Directory with model.onnx and vocab.txt. Default: the model's. */
  modelDir?: string;
  /** Model file inside the directory (model-fp32.onnx for the unquantized comparison). */
  modelFile?: string;
  /** Vectors kept for texts seen recently. Default 4,096 (≈ 6 MB). */
  cacheSize?: number;
}

export class LocalSentenceEmbedder implements Embedder {
  readonly name: string;
  readonly answerableSimilarity: number;
  readonly model: SentenceEncoderModel;
  private session?: Promise<ort.InferenceSession>;
  private readonly tokenizer: WordPieceTokenizer;
  private readonly cache: LruCache<string, number[]>;
  private readonly modelPath: string;

  constructor(options: SentenceEncoderOptions = {}) {
    this.model = SENTENCE_ENCODER_MODELS[options.model ?? DEFAULT_ENCODER_MODEL];
    this.answerableSimilarity = this.model.answerableSimilarity;
    const dir = options.modelDir ?? this.model.dir;
    const file = options.modelFile ?? 'model.onnx';
    this.modelPath = join(dir, file);
    this.tokenizer = WordPieceTokenizer.fromVocabText(readFileSync(join(dir, 'vocab.txt'), 'utf8'));
    this.cache = new LruCache(options.cacheSize ?? 4096);
    // The name is stored with every chunk vector: a different model (or quantization) re-embeds.
    this.name = `local:${this.model.name}${file === 'model.onnx' ? '-int8' : `:${file.replace(/\.onnx$/, '')}`}`;
  }

  /** Whether setup installed a model in `modelDir`, or the default model: the callers' test before constructing one. */
  static available(modelDir?: string): boolean {
    return modelDir ? encoderInstalled(modelDir) : defaultEncoderModel() !== undefined;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    const found = new Map<string, number[]>();
    for (const text of texts) {
      const cached = this.cache.get(text);
      if (cached) found.set(text, cached);
    }
    const missing = [...new Set(texts.filter((text) => !found.has(text)))];
    if (missing.length > 0) {
      const session = await this.loadSession();
      const encoded = missing.map((text) => ({ text, ids: this.tokenizer.encode(text, MAX_TOKENS).ids }));
      // Texts of similar length share a batch, so little of each batch is padding.
      encoded.sort((a, b) => a.ids.length - b.ids.length);
      for (let start = 0; start < encoded.length; start += BATCH_SIZE) {
        signal?.throwIfAborted();
        const batch = encoded.slice(start, start + BATCH_SIZE);
        const vectors = await runBatch(session, batch.map((item) => item.ids), this.model.pooling);
        batch.forEach((item, i) => {
          found.set(item.text, vectors[i]!);
          this.cache.set(item.text, vectors[i]!);
        });
      }
    }
    return texts.map((text) => found.get(text)!);
  }

  private loadSession(): Promise<ort.InferenceSession> {
    this.session ??= ort.InferenceSession.create(readFileSync(this.modelPath), {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
    }).catch((err: unknown) => {
      this.session = undefined; // a later call retries instead of caching the failure
      throw err;
    });
    return this.session;
  }
}

async function runBatch(session: ort.InferenceSession, batch: readonly number[][], pooling: SentenceEncoderModel['pooling']): Promise<number[][]> {
  const length = Math.max(...batch.map((ids) => ids.length));
  const ids = new BigInt64Array(batch.length * length);
  const mask = new BigInt64Array(batch.length * length);
  batch.forEach((row, r) =>
    row.forEach((id, c) => {
      ids[r * length + c] = BigInt(id);
      mask[r * length + c] = 1n;
    }),
  );
  const dims = [batch.length, length];
  const feeds: Record<string, ort.Tensor> = { input_ids: new ort.Tensor('int64', ids, dims), attention_mask: new ort.Tensor('int64', mask, dims) };
  if (pooling === 'embedding') {
    const data = (await session.run(feeds)).embedding!.data as Float32Array;
    return batch.map((_, r) => Array.from(data.subarray(r * DIMENSIONS, (r + 1) * DIMENSIONS)));
  }
  // BERT exports take segment ids; a single sentence is all segment 0.
  feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(batch.length * length), dims);
  const hidden = (await session.run(feeds)).last_hidden_state!.data as Float32Array;
  // [CLS] is each row's first token: its hidden state, scaled to unit length.
  return batch.map((_, r) => unit(hidden.subarray(r * length * DIMENSIONS, r * length * DIMENSIONS + DIMENSIONS)));
}

function unit(vector: Float32Array): number[] {
  let sum = 0;
  for (const x of vector) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  return Array.from(vector, (x) => x / norm);
}

/** One instance per installed model, so its session and cache are shared by every caller. */
const shared = new Map<SentenceEncoderModelName, LocalSentenceEmbedder>();

function sharedEmbedder(model: SentenceEncoderModelName): LocalSentenceEmbedder {
  let embedder = shared.get(model);
  if (!embedder) shared.set(model, (embedder = new LocalSentenceEmbedder({ model })));
  return embedder;
}

/**
 * The process's local sentence encoder for knowledge search, or null when setup has not built it
 * (the callers then keep BM25 and the n-gram intent model alone).
 */
export function localSentenceEmbedder(): LocalSentenceEmbedder | null {
  return LocalSentenceEmbedder.available() ? sharedEmbedder(DEFAULT_ENCODER_MODEL) : null;
}

/**
 * The encoder the process's intents are classified with (INTENT_ENCODER_MODEL when installed,
 * else the search encoder, else null). When both are the same model it is the same instance, so
 * a message the router and the knowledge search both see is encoded once (its LRU).
 */
export function localIntentEmbedder(): LocalSentenceEmbedder | null {
  if (INTENT_ENCODER_MODEL !== DEFAULT_ENCODER_MODEL && encoderInstalled(SENTENCE_ENCODER_MODELS[INTENT_ENCODER_MODEL].dir)) return sharedEmbedder(INTENT_ENCODER_MODEL);
  return localSentenceEmbedder();
}
