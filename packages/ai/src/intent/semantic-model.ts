import type { Embedder } from '../knowledge/embeddings';
import {
  background,
  examplesOf,
  foldCount,
  folds,
  heldOutLogits,
  TEMPERATURES,
  trainNgramLogits,
  type CrossValidation,
  type Example,
  type TrainOptions,
} from './intent-model';
import { softmaxInPlace } from './softmax';
import type { IntentScore, IntentSpec } from './types';

/**
 * The n-gram model's logits plus the sentence encoder's view: each intent's logit gains
 * `weight · (s − reference)`, s being the cosine between the message's sentence vector and the
 * intent's closest examples' (see `nearestByIntent`). The n-gram part knows the author's exact words and typos; the
 * sentence vectors know that "my line is dead" and "no connection" mean the same.
 *
 * Calibration, as for the n-gram model (intent-model.ts): k-fold on the examples alone. Each
 * held-out example gets the n-gram logits of a model trained without its fold and its closest
 * similarity among the other folds' examples; the weight and the temperature are the pair (on a
 * grid) that minimises the held-out negative log-likelihood. Nothing but the router's own
 * examples is used, so a new domain calibrates itself.
 *
 * `reference` is how similar a message typically is to the closest example of an intent it is
 * *not* (the mean over the examples): a message below it for every intent is unlike all of them
 * and leaves its probability to the "none of these" background, so the router falls back.
 */
export interface SemanticIntentModel {
  readonly intents: readonly string[];
  readonly temperature: number;
  readonly weight: number;
  readonly reference: number;
  /** Probabilities of every intent, best first, summing to at most 1 (the rest: none of these). */
  classify(text: string, vector: readonly number[]): IntentScore[];
  /**
   * The same k-fold held-out predictions the fit used, at the fitted weight and temperature: what
   * the publish check reports (`checkIntents`), so it judges the model the router runs. Absent
   * with a single intent.
   */
  readonly crossValidation?: CrossValidation;
}

/** Weights of the similarity term tried in the fit (0: the n-gram model alone). */
const WEIGHTS = [0, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32, 48];
const MIN_EXAMPLES_TO_CALIBRATE = 3;
/** Used when the intents cannot be calibrated (too few examples): a middle of the fitted range. */
const DEFAULT_WEIGHT = 10;
const DEFAULT_REFERENCE = 0.35;

/** Trains on the intents' examples, embedding them with `embedder` (one batched call). */
export async function trainSemanticIntentModel(
  intents: readonly IntentSpec[],
  embedder: Embedder,
  options: TrainOptions = {},
): Promise<SemanticIntentModel> {
  const names = intents.map((intent) => intent.name);
  const examples = examplesOf(intents);
  const vectors = await embedder.embed(examples.map((example) => example.text));
  const ngram = trainNgramLogits(intents, options);
  const reference = referenceSimilarity(examples, vectors, names.length);
  const ref = Number.isFinite(reference) ? reference : DEFAULT_REFERENCE;
  const calibrate =
    intents.length > 1 && intents.every((intent) => intent.examples.filter((text) => text.trim()).length >= MIN_EXAMPLES_TO_CALIBRATE);
  const heldOut = names.length > 1 ? heldOutScores(names, examples, vectors, options) : undefined;
  const { weight, temperature } = heldOut && calibrate ? fitWeightAndTemperature(examples, heldOut, ref) : { weight: DEFAULT_WEIGHT, temperature: 1 };

  return {
    intents: names,
    temperature,
    weight,
    reference: round(ref),
    ...(heldOut ? { crossValidation: crossValidation(names, examples, heldOut, ref, weight, temperature) } : {}),
    classify(text, vector) {
      const nearest = nearestByIntent(vector, examples, vectors, names.length);
      if (names.length === 1) return [{ intent: names[0]!, score: round(Math.max(0, nearest[0]!)) }];
      const logits = ngram(text);
      for (let c = 0; c < logits.length; c++) logits[c]! += weight * (nearest[c]! - ref);
      return rank(names, softmaxInPlace(logits, temperature, background(names.length)));
    },
  };
}

interface HeldOut {
  /** N-gram logits of each example from a model trained without its fold (undefined: not held out). */
  logits: (Float64Array | undefined)[];
  /** Each example's similarity per intent (as `nearestByIntent`) among the other folds' examples. */
  nearest: Float64Array[];
}

function heldOutScores(names: readonly string[], examples: readonly Example[], vectors: readonly (readonly number[])[], options: TrainOptions): HeldOut {
  const fold = folds(examples, foldCount(options));
  return {
    logits: heldOutLogits(names, examples, options),
    nearest: examples.map((_, i) => nearestByIntent(vectors[i]!, examples, vectors, names.length, (j) => fold[j] !== fold[i])),
  };
}

function heldOutProbabilities({ logits, nearest }: HeldOut, i: number, reference: number, weight: number, temperature: number): Float64Array | undefined {
  const scores = logits[i];
  if (!scores) return undefined;
  const combined = Float64Array.from(scores, (score, c) => score + weight * (nearest[i]![c]! - reference));
  return softmaxInPlace(combined, temperature, background(scores.length));
}

function fitWeightAndTemperature(examples: readonly Example[], heldOut: HeldOut, reference: number): { weight: number; temperature: number } {
  let best = { weight: DEFAULT_WEIGHT, temperature: 1 };
  let bestLoss = Infinity;
  for (const weight of WEIGHTS) {
    for (const temperature of TEMPERATURES) {
      let loss = 0;
      let count = 0;
      examples.forEach((example, i) => {
        const p = heldOutProbabilities(heldOut, i, reference, weight, temperature);
        if (!p) return;
        loss -= Math.log(Math.max(p[example.label]!, 1e-12));
        count++;
      });
      if (count > 0 && loss / count < bestLoss) {
        bestLoss = loss / count;
        best = { weight, temperature };
      }
    }
  }
  return best;
}

function crossValidation(
  names: readonly string[],
  examples: readonly Example[],
  heldOut: HeldOut,
  reference: number,
  weight: number,
  temperature: number,
): CrossValidation {
  const predictions: CrossValidation['predictions'] = [];
  const right = new Array<number>(names.length).fill(0);
  const total = new Array<number>(names.length).fill(0);
  examples.forEach((example, i) => {
    const p = heldOutProbabilities(heldOut, i, reference, weight, temperature);
    if (!p) return;
    const ranking = rank(names, p);
    predictions.push({ expected: names[example.label]!, ranking });
    total[example.label]!++;
    if (ranking[0]!.intent === names[example.label]) right[example.label]!++;
  });
  const counted = total.reduce((a, b) => a + b, 0);
  return {
    accuracy: counted ? right.reduce((a, b) => a + b, 0) / counted : 0,
    byIntent: names.map((intent, c) => ({ intent, examples: examples.filter((e) => e.label === c).length, accuracy: total[c] ? right[c]! / total[c]! : 0 })),
    predictions,
  };
}

/**
 * Each intent's similarity to `vector`: the mean cosine (vectors are unit length: a dot product)
 * of its two closest examples, or the one when it has one. Two rather than one: a single
 * unusual example then pulls less, and in 5-fold CV on the examples of bench/ai-eval's three
 * domains (training examples only) top-2 beat the closest example alone and the mean of all.
 */
function nearestByIntent(
  vector: readonly number[],
  examples: readonly Example[],
  vectors: readonly (readonly number[])[],
  intentCount: number,
  include: (index: number) => boolean = () => true,
): Float64Array {
  const first = new Float64Array(intentCount).fill(-Infinity);
  const second = new Float64Array(intentCount).fill(-Infinity);
  examples.forEach(({ label }, j) => {
    if (!include(j)) return;
    const similarity = dot(vector, vectors[j]!);
    if (similarity > first[label]!) {
      second[label] = first[label]!;
      first[label] = similarity;
    } else if (similarity > second[label]!) second[label] = similarity;
  });
  // An intent with no comparable example contributes nothing either way.
  return first.map((best, c) => (best === -Infinity ? 0 : second[c] === -Infinity ? best : (best + second[c]!) / 2));
}

/** Mean over the examples of their similarity (as `nearestByIntent`) to the closest other intent. */
function referenceSimilarity(examples: readonly Example[], vectors: readonly (readonly number[])[], intentCount: number): number {
  let sum = 0;
  let count = 0;
  examples.forEach((example, i) => {
    const byIntent = nearestByIntent(vectors[i]!, examples, vectors, intentCount, (j) => examples[j]!.label !== example.label);
    byIntent[example.label] = -Infinity;
    const best = Math.max(...byIntent);
    if (best > -Infinity) {
      sum += best;
      count++;
    }
  });
  return count > 0 ? sum / count : NaN;
}

function dot(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function rank(intents: readonly string[], probabilities: Float64Array): IntentScore[] {
  return intents.map((intent, c) => ({ intent, score: round(probabilities[c]!) })).sort((a, b) => b.score - a.score);
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
