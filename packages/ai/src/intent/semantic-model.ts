import type { Embedder } from '../knowledge/embeddings';
import {
  background,
  examplesOf,
  foldCount,
  folds,
  heldOutLogits,
  trainNgramLogits,
  type CrossValidation,
  type Example,
  type TrainOptions,
} from './intent-model';
import { nearestByIntent, referenceSimilarity, similarityCut } from './example-similarity';
import { softmaxInPlace } from './softmax';
import type { IntentScore, IntentSpec } from './types';
import { heldOutVectorLogits, trainVectorClassifier } from './vector-classifier';

/**
 * The n-gram model's logits plus two views from the sentence encoder: each intent's logit gains
 * `weight · (s − reference)`, s being the cosine between the message's sentence vector and the
 * intent's closest examples' (see `nearestByIntent`), and `vectorWeight ·` the logit of a linear
 * classifier trained on the examples' vectors (vector-classifier.ts). The n-gram part knows the
 * author's exact words and typos; the nearest examples know that "my line is dead" and "no
 * connection" mean the same, and fall for a message unlike all of them; the linear classifier
 * knows which directions of meaning separate these particular intents.
 *
 * Calibration, as for the n-gram model (intent-model.ts): k-fold on the examples alone. Each
 * held-out example gets the n-gram logits and the vector classifier's logits of models trained
 * without its fold and its closest similarity among the other folds' examples; the two weights
 * and a temperature are the grid point that minimises the held-out negative log-likelihood.
 * Nothing but the router's own examples is used, so a new domain calibrates itself.
 *
 * Out of scope, two ways. `reference` is how similar a message typically is to the closest
 * example of an intent it is *not* (the mean over the examples): a message below it for every
 * intent leaves its probability to the "none of these" background. And the gate: a message whose
 * best intent is less similar to that intent's examples than nearly every held-out example is to
 * its own (`minSimilarity`, example-similarity.ts) is unlike all of them, and every score drops
 * to 0 (the ranking's order is kept), so the router falls back at any threshold. The gate
 * replaced a temperature fitted to leave 5% to "none of these": that flattened every answer, and
 * 5–10% of in-scope messages whose best intent was right fell under the router's 0.3.
 */
export interface SemanticIntentModel {
  readonly intents: readonly string[];
  readonly temperature: number;
  readonly weight: number;
  /** Weight of the linear classifier on sentence vectors (vector-classifier.ts). */
  readonly vectorWeight: number;
  readonly reference: number;
  /** The gate: a message less similar than this to its best intent's examples falls back. */
  readonly minSimilarity: number;
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
const WEIGHTS = [0, 2, 4, 8, 12, 16, 24, 32, 48, 64, 96];
/** Weights of the vector classifier's logits tried in the same fit (0: without it). */
const VECTOR_WEIGHTS = [0, 0.5, 1, 1.5, 2, 3, 4, 6, 8, 12, 16];
/**
 * Temperatures tried, log-spaced 0.125..32: wider than the n-gram model's grid, because the
 * larger weights above call for larger temperatures.
 */
const FIT_TEMPERATURES = Array.from({ length: 33 }, (_, i) => 0.125 * 2 ** (i / 4));
const MIN_EXAMPLES_TO_CALIBRATE = 3;
/** Used when the intents cannot be calibrated (too few examples): a middle of the fitted range. */
const DEFAULT_WEIGHT = 10;
const DEFAULT_REFERENCE = 0.35;
/**
 * Without calibration (an intent with < 3 examples) the vector classifier is left out: trained on
 * two examples per intent it is sure of anything ("Do you ship to Mars?" → shipping), and there is
 * no held-out evidence to weigh it by. The nearest-example term alone answers, as before it.
 */
const DEFAULT_VECTOR_WEIGHT = 0;
/**
 * Fewer examples than this for some intent: calibrated, but without the vector classifier. With
 * three or four per intent it separates the folds perfectly and still puts a French greeting
 * confidently into one of two English intents; from five on, the held-out fit weighs it honestly
 * (the untuned domains of bench/ai-eval have 7–10 per intent).
 */
const MIN_EXAMPLES_FOR_VECTOR_CLASSIFIER = 5;
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
  const fewest = Math.min(...intents.map((intent) => intent.examples.filter((text) => text.trim()).length));
  const calibrate = intents.length > 1 && fewest >= MIN_EXAMPLES_TO_CALIBRATE;
  const vectorWeights = fewest >= MIN_EXAMPLES_FOR_VECTOR_CLASSIFIER ? VECTOR_WEIGHTS : [DEFAULT_VECTOR_WEIGHT];
  const heldOut = names.length > 1 ? heldOutScores(names, examples, vectors, options) : undefined;
  const { weight, vectorWeight, temperature } =
    heldOut && calibrate ? fitWeightAndTemperature(examples, heldOut, ref, vectorWeights) : { weight: DEFAULT_WEIGHT, vectorWeight: DEFAULT_VECTOR_WEIGHT, temperature: 1 };
  const vectorLogits = names.length > 1 ? trainVectorClassifier(names.length, examples.map((e) => e.label), vectors) : undefined;
  // Only a calibrated model gates: with < 3 examples an intent's held-out similarities say little.
  const minSimilarity = heldOut && calibrate ? round(similarityCut(examples.map((e, i) => heldOut.nearest[i]![e.label]!))) : -Infinity;

  return {
    intents: names,
    temperature,
    weight,
    vectorWeight,
    reference: round(ref),
    minSimilarity,
    ...(heldOut ? { crossValidation: crossValidation(names, examples, heldOut, ref, { weight, vectorWeight, temperature }, minSimilarity) } : {}),
    classify(text, vector) {
      const nearest = nearestByIntent(vector, examples, vectors, names.length);
      if (names.length === 1) return [{ intent: names[0]!, score: round(Math.max(0, nearest[0]!)) }];
      const logits = ngram(text);
      const fromVector = vectorLogits!(vector);
      for (let c = 0; c < logits.length; c++) logits[c]! += weight * (nearest[c]! - ref) + vectorWeight * fromVector[c]!;
      return gated(rank(names, softmaxInPlace(logits, temperature, background(names.length))), names, nearest, minSimilarity);
    },
  };
}

interface HeldOut {
  /** N-gram logits of each example from a model trained without its fold (undefined: not held out). */
  logits: (Float64Array | undefined)[];
  /** Each example's similarity per intent (as `nearestByIntent`) among the other folds' examples. */
  nearest: Float64Array[];
  /** The vector classifier's logits of each example, trained without its fold. */
  vector: (Float64Array | undefined)[];
}

interface Fit {
  weight: number;
  vectorWeight: number;
  temperature: number;
}

function heldOutScores(names: readonly string[], examples: readonly Example[], vectors: readonly (readonly number[])[], options: TrainOptions): HeldOut {
  const k = foldCount(options);
  const fold = folds(examples, k);
  return {
    logits: heldOutLogits(names, examples, options),
    nearest: examples.map((_, i) => nearestByIntent(vectors[i]!, examples, vectors, names.length, (j) => fold[j] !== fold[i])),
    vector: heldOutVectorLogits(names.length, examples, vectors, fold, k),
  };
}

function combinedLogits({ logits, nearest, vector }: HeldOut, i: number, reference: number, weight: number, vectorWeight: number): Float64Array | undefined {
  const scores = logits[i];
  const fromVector = vector[i];
  if (!scores || !fromVector) return undefined;
  return Float64Array.from(scores, (score, c) => score + weight * (nearest[i]![c]! - reference) + vectorWeight * fromVector[c]!);
}

function heldOutProbabilities(heldOut: HeldOut, i: number, reference: number, { weight, vectorWeight, temperature }: Fit): Float64Array | undefined {
  const combined = combinedLogits(heldOut, i, reference, weight, vectorWeight);
  return combined && softmaxInPlace(combined, temperature, background(combined.length));
}

/**
 * The weights and a temperature: the grid point with the least held-out negative log-likelihood
 * (out-of-scope messages are the gate's job, see `gated`). The combined logits are built once per
 * pair of weights and every temperature reads them without allocating: the grid has thousands of
 * points and each visits every example.
 */
function fitWeightAndTemperature(examples: readonly Example[], heldOut: HeldOut, reference: number, vectorWeights: readonly number[]): Fit {
  let best: Fit = { weight: DEFAULT_WEIGHT, vectorWeight: DEFAULT_VECTOR_WEIGHT, temperature: 1 };
  let bestLoss = Infinity;
  const casesOf = (weight: number, vectorWeight: number) =>
    examples.flatMap((example, i) => {
      const combined = combinedLogits(heldOut, i, reference, weight, vectorWeight);
      return combined ? [{ combined, label: example.label }] : [];
    });
  for (const weight of WEIGHTS) {
    for (const vectorWeight of vectorWeights) {
      const cases = casesOf(weight, vectorWeight);
      const loss = bestTemperature(cases);
      if (loss && loss.loss < bestLoss) {
        bestLoss = loss.loss;
        best = { weight, vectorWeight, temperature: loss.temperature };
      }
    }
  }
  return best;
}

function bestTemperature(cases: readonly { combined: Float64Array; label: number }[]): { temperature: number; loss: number } | undefined {
  if (cases.length === 0) return undefined;
  const prior = background(cases[0]!.combined.length);
  let best: { temperature: number; loss: number } | undefined;
  for (const temperature of FIT_TEMPERATURES) {
    let loss = 0;
    for (const { combined, label } of cases) loss += heldOutLoss(combined, label, temperature, prior);
    if (!best || loss / cases.length < best.loss) best = { temperature, loss: loss / cases.length };
  }
  return best;
}

/** Cross-entropy of `softmaxInPlace(scores, temperature, prior)` for `label`, without writing `scores`. */
function heldOutLoss(scores: Float64Array, label: number, temperature: number, prior: number): number {
  let max = prior;
  for (const score of scores) if (score / temperature > max) max = score / temperature;
  let sum = Math.exp(prior - max);
  for (const score of scores) sum += Math.exp(score / temperature - max);
  const logNormalizer = max + Math.log(sum);
  return logNormalizer - scores[label]! / temperature;
}

function crossValidation(
  names: readonly string[],
  examples: readonly Example[],
  heldOut: HeldOut,
  reference: number,
  fit: Fit,
  minSimilarity: number,
): CrossValidation {
  const predictions: CrossValidation['predictions'] = [];
  const right = new Array<number>(names.length).fill(0);
  const total = new Array<number>(names.length).fill(0);
  examples.forEach((example, i) => {
    const p = heldOutProbabilities(heldOut, i, reference, fit);
    if (!p) return;
    const ranking = gated(rank(names, p), names, heldOut.nearest[i]!, minSimilarity);
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

function rank(intents: readonly string[], probabilities: Float64Array): IntentScore[] {
  return intents.map((intent, c) => ({ intent, score: round(probabilities[c]!) })).sort((a, b) => b.score - a.score);
}

/**
 * The gate: when the best intent's examples are less similar to the message than `minSimilarity`,
 * every score becomes 0 (order kept, so the ranking still shows what was least unlike it).
 */
function gated(ranking: IntentScore[], names: readonly string[], nearest: Float64Array, minSimilarity: number): IntentScore[] {
  const best = names.indexOf(ranking[0]!.intent);
  return nearest[best]! < minSimilarity ? ranking.map(({ intent }) => ({ intent, score: 0 })) : ranking;
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
