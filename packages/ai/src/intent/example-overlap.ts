import { stem, tokenize } from '../text/tokens';
import { FALLBACK_INTENT, type IntentRecognition, type IntentRecognizer, type IntentSpec, type RecognizeOptions } from './types';

/**
 * A simple, honest baseline: no training, no model file. It measures how much a message's words
 * overlap with each intent's example phrases, and that is all it does. It recognises paraphrases
 * that share words with an example ("refund my order" ~ "I want a refund"), not ones that share
 * only meaning ("money back" ≠ "refund"); typos in key words defeat it. A later issue replaces it
 * behind the same `IntentRecognizer` interface with trained models (n-gram classifier,
 * embeddings, or OpenAI when a key is configured).
 *
 * Method: words are lowercased, contractions expanded, function words dropped and lightly
 * stemmed; features are unigrams and bigrams weighted by TF-IDF, where the "documents" are all
 * examples of the call, so words that appear in every intent count for little. An intent's score
 * mixes the cosine similarity with its best example (a close paraphrase scores high) and with the
 * centroid of its examples (evidence spread over several examples). Scores are in 0..1.
 */
export class ExampleOverlapRecognizer implements IntentRecognizer {
  /** Models by intents (routers call with the same intents over and over); small, newest last. */
  private readonly cache = new Map<string, IntentModel>();

  constructor(private readonly options: { bestExampleWeight?: number; cacheSize?: number } = {}) {}

  async recognize(text: string, intents: readonly IntentSpec[], { threshold }: RecognizeOptions): Promise<IntentRecognition> {
    return this.recognizeSync(text, intents, { threshold });
  }

  /** The same, synchronously (the work is pure CPU and takes well under a millisecond). */
  recognizeSync(text: string, intents: readonly IntentSpec[], { threshold }: RecognizeOptions): IntentRecognition {
    const model = this.model(intents);
    const query = model.vectorize(features(text));
    const best = this.options.bestExampleWeight ?? 0.6;
    const ranking = model.intents
      .map(({ name, examples, centroid }) => {
        const bestExample = Math.max(0, ...examples.map((example) => cosine(query, example)));
        const score = best * bestExample + (1 - best) * cosine(query, centroid);
        return { intent: name, score: round(clamp01(score)) };
      })
      // Array.prototype.sort is stable: equal scores keep the author's order.
      .sort((a, b) => b.score - a.score);
    const top = ranking[0];
    const confidence = top?.score ?? 0;
    const intent = top && confidence > 0 && confidence >= threshold ? top.intent : FALLBACK_INTENT;
    return { intent, confidence, ranking };
  }

  private model(intents: readonly IntentSpec[]): IntentModel {
    const key = JSON.stringify(intents.map((intent) => [intent.name, intent.examples]));
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const model = buildModel(intents);
    this.cache.set(key, model);
    const size = this.options.cacheSize ?? 64;
    while (this.cache.size > size) this.cache.delete(this.cache.keys().next().value!);
    return model;
  }
}

type Vector = Map<string, number>;

interface IntentModel {
  intents: { name: string; examples: Vector[]; centroid: Vector }[];
  vectorize(terms: string[]): Vector;
}

/**
 * Function words that say nothing about what a customer wants. Negations ("not", "no", "never")
 * are kept on purpose: "not working" and "working" are different requests.
 */
const STOP_WORDS = new Set(
  (
    'a an the i me my mine myself we us our you your it its this that these those there here ' +
    'is am are was were be been being do does did doing have has had having will would shall should ' +
    'can could may might must to of in on at for with from by about as into onto over and or so if ' +
    'then than just also very really please pls hi hello hey thanks thank dear some any what ' +
    'who which whom im ive id get got gets getting want wanted need needs like would ' +
    'know let help someone somebody anyone one still again ok okay yes'
  ).split(' '),
);

/** Unigrams and bigrams of a text's content words, stemmed. */
export function features(text: string): string[] {
  const words = tokenize(text)
    .map((token) => token.word)
    .filter((word) => !STOP_WORDS.has(word))
    .map(stem);
  const bigrams = words.slice(1).map((word, i) => `${words[i]} ${word}`);
  return [...words, ...bigrams];
}

function buildModel(intents: readonly IntentSpec[]): IntentModel {
  const documents = intents.map((intent) => intent.examples.filter((example) => example.trim()).map(features));
  const documentFrequency = new Map<string, number>();
  let documentCount = 0;
  for (const examples of documents) {
    for (const terms of examples) {
      documentCount++;
      for (const term of new Set(terms)) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  // Smoothed IDF: a word in every example still counts a little, an unseen word not at all
  // (it is in no example, so it cannot make the message more like any intent).
  const idf = (term: string) => {
    const df = documentFrequency.get(term);
    return df === undefined ? 0 : Math.log((documentCount + 1) / (df + 1)) + 1;
  };
  const vectorize = (terms: string[]): Vector => {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    const vector: Vector = new Map();
    for (const [term, count] of counts) {
      const weight = (1 + Math.log(count)) * idf(term);
      if (weight > 0) vector.set(term, weight);
    }
    return normalize(vector);
  };
  return {
    vectorize,
    intents: intents.map((intent, index) => {
      const examples = documents[index]!.map(vectorize);
      const sum: Vector = new Map();
      for (const example of examples) for (const [term, weight] of example) sum.set(term, (sum.get(term) ?? 0) + weight);
      return { name: intent.name, examples, centroid: normalize(sum) };
    }),
  };
}

function normalize(vector: Vector): Vector {
  let norm = 0;
  for (const weight of vector.values()) norm += weight * weight;
  norm = Math.sqrt(norm);
  if (norm === 0) return vector;
  return new Map([...vector].map(([term, weight]) => [term, weight / norm]));
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) dot += weight * (large.get(term) ?? 0);
  return dot;
}

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
/** Four decimals: enough to rank, and stable across platforms when stored in a variable. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;
