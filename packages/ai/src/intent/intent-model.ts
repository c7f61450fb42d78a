import { messageFeatures, TfidfVectorizer, type SparseVector } from './features';
import { logits, softmaxInPlace, trainSoftmax, type SoftmaxModel, type SoftmaxOptions } from './softmax';
import type { IntentScore, IntentSpec } from './types';

/**
 * A trained intent model: TF-IDF word + character n-grams into a softmax classifier, with a
 * temperature that turns its scores into calibrated probabilities.
 *
 * Calibration: a softmax trained to near-zero loss on 10–20 examples per intent is
 * over-confident on new wording. The temperature is fitted on the examples themselves by
 * k-fold cross-validation (train on k-1 folds, score the held-out fold, pick the temperature
 * that minimises the negative log-likelihood of the held-out labels). It therefore costs k + 1
 * trainings, still milliseconds, and it is what the flow's threshold is compared with: 0.3
 * means "right about 30% of the time or better", independent of how many intents there are.
 */
export interface TrainOptions extends SoftmaxOptions {
  /** Folds for the temperature fit and the cross-validation report (2..10). */
  folds?: number;
  /** Fixed temperature instead of fitting one (tests, benchmarks). */
  temperature?: number;
}

export interface IntentModel {
  readonly intents: readonly string[];
  readonly temperature: number;
  /** Probabilities of every intent, best first (ties keep the given order), summing to 1. */
  classify(text: string): IntentScore[];
}

/** Per-intent share of its own examples that a model trained without them classifies right. */
export interface CrossValidation {
  accuracy: number;
  byIntent: { intent: string; examples: number; accuracy: number }[];
  /** Held-out predictions, for calibration measurements. */
  predictions: { expected: string; ranking: IntentScore[] }[];
}

const DEFAULT_FOLDS = 5;
/**
 * The logit of an implicit "none of these" class that has no examples: it keeps a share of the
 * probability for messages the examples say little about. Without it a router with two
 * intents could never fall back below a threshold of 0.5 (two probabilities summing to 1).
 * ½·ln(n) for n intents gives each intent 1 / (n + √n) of a message with no known feature:
 * 0.29 with two intents (under the intent router's default threshold of 0.3), 0.08 with ten.
 */
export const background = (intentCount: number) => 0.5 * Math.log(intentCount);
/** Cross-validating intents with fewer examples says more about the split than the model. */
const MIN_EXAMPLES_TO_CALIBRATE = 3;
/**
 * Each intent's logit also gets this times the cosine between the message and the intent's
 * closest example. A linear model averages an intent's examples into one weight vector; the
 * nearest-example term keeps a close paraphrase of one unusual example recognisable, and since a
 * message like none of the examples gets no bonus at all, out-of-scope messages end up flatter
 * (on bench/ai-eval: highest out-of-scope confidence 0.79 without it, 0.67 with it).
 */
const NEAREST_EXAMPLE_WEIGHT = 2;
/** Temperatures tried, log-spaced from 0.125 to 8: the fit is a 1-D search, a grid is enough. */
export const TEMPERATURES = Array.from({ length: 37 }, (_, i) => 0.125 * 2 ** (i / 6));

export interface Example {
  text: string;
  label: number;
}

export function examplesOf(intents: readonly IntentSpec[]): Example[] {
  return intents.flatMap((intent, label) => intent.examples.filter((text) => text.trim()).map((text) => ({ text, label })));
}

class TrainedModel implements IntentModel {
  constructor(
    readonly intents: readonly string[],
    private readonly vectorizer: TfidfVectorizer,
    private readonly softmax: SoftmaxModel,
    readonly temperature: number,
    private readonly examples: readonly { x: SparseVector; label: number }[],
  ) {
    // An inverted index (feature → examples that have it) makes the nearest-example cosines
    // cost the query's postings, not a merge with every example.
    const postings = new Map<number, { example: number; value: number }[]>();
    examples.forEach(({ x }, example) => {
      for (let k = 0; k < x.indices.length; k++) {
        const list = postings.get(x.indices[k]!) ?? [];
        list.push({ example, value: x.values[k]! });
        postings.set(x.indices[k]!, list);
      }
    });
    this.postings = postings;
  }

  private readonly postings: Map<number, { example: number; value: number }[]>;

  /** Cosine of the message with every example (both are unit-length TF-IDF vectors). */
  private exampleSimilarities(x: SparseVector): Float64Array {
    const dots = new Float64Array(this.examples.length);
    for (let k = 0; k < x.indices.length; k++) {
      const list = this.postings.get(x.indices[k]!);
      if (!list) continue;
      const value = x.values[k]!;
      for (const posting of list) dots[posting.example]! += value * posting.value;
    }
    return dots;
  }

  /** Unscaled scores; exposed to the calibration fit only. */
  logits(text: string): Float64Array {
    const x = this.vectorizer.transform(messageFeatures(text));
    const out = logits(this.softmax, x);
    const nearest = new Float64Array(out.length);
    const similarities = this.exampleSimilarities(x);
    this.examples.forEach(({ label }, i) => (nearest[label] = Math.max(nearest[label]!, similarities[i]!)));
    for (let c = 0; c < out.length; c++) out[c]! += NEAREST_EXAMPLE_WEIGHT * nearest[c]!;
    return out;
  }

  classify(text: string): IntentScore[] {
    if (this.intents.length === 1) {
      // Nothing to tell the one intent from, and a softmax over one class is always 1: the
      // confidence is instead how close the message is to the intent's closest example.
      const x = this.vectorizer.transform(messageFeatures(text));
      const nearest = Math.max(0, ...this.exampleSimilarities(x));
      return [{ intent: this.intents[0]!, score: round(nearest) }];
    }
    return rank(this.intents, softmaxInPlace(this.logits(text), this.temperature, background(this.intents.length)));
  }
}

function rank(intents: readonly string[], probabilities: Float64Array): IntentScore[] {
  return intents
    .map((intent, c) => ({ intent, score: round(probabilities[c]!) }))
    .sort((a, b) => b.score - a.score);
}

function fit(intents: readonly string[], examples: readonly Example[], options: TrainOptions, temperature: number): TrainedModel {
  const documents = examples.map((example) => messageFeatures(example.text));
  const vectorizer = TfidfVectorizer.fit(documents);
  const xs = documents.map((features) => vectorizer.transform(features));
  const softmax = trainSoftmax(xs, examples.map((example) => example.label), intents.length, vectorizer.size, { background: background(intents.length), ...options });
  return new TrainedModel(intents, vectorizer, softmax, temperature, xs.map((x, i) => ({ x, label: examples[i]!.label })));
}

/**
 * Folds that keep every intent in every training split where possible: an intent's examples are
 * dealt round-robin (example i of an intent goes to fold i mod k), so the split is deterministic.
 */
export function folds(examples: readonly Example[], k: number): number[] {
  const seen = new Map<number, number>();
  return examples.map((example) => {
    const i = seen.get(example.label) ?? 0;
    seen.set(example.label, i + 1);
    return i % k;
  });
}

/** How many folds the held-out fits use (2..10). */
export function foldCount(options: TrainOptions): number {
  return Math.min(Math.max(2, options.folds ?? DEFAULT_FOLDS), 10);
}

/** The n-gram model's unscaled scores of a text, trained on every example (for models that add to them). */
export function trainNgramLogits(intents: readonly IntentSpec[], options: TrainOptions = {}): (text: string) => Float64Array {
  const model = fit(intents.map((intent) => intent.name), examplesOf(intents), options, 1);
  return (text) => model.logits(text);
}

/** Held-out logits of every example (k models, each trained without one fold). */
export function heldOutLogits(intents: readonly string[], examples: readonly Example[], options: TrainOptions): Float64Array[] {
  const k = foldCount(options);
  const fold = folds(examples, k);
  const out: Float64Array[] = new Array(examples.length);
  for (let f = 0; f < k; f++) {
    const train = examples.filter((_, i) => fold[i] !== f);
    if (train.length === 0 || train.length === examples.length) continue;
    const model = fit(intents, train, options, 1);
    examples.forEach((example, i) => {
      if (fold[i] === f) out[i] = model.logits(example.text);
    });
  }
  return out;
}

function fitTemperature(heldOut: readonly (Float64Array | undefined)[], examples: readonly Example[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (const temperature of TEMPERATURES) {
    let loss = 0;
    let count = 0;
    heldOut.forEach((scores, i) => {
      if (!scores) return;
      const p = softmaxInPlace(Float64Array.from(scores), temperature, background(scores.length));
      loss -= Math.log(Math.max(p[examples[i]!.label]!, 1e-12));
      count++;
    });
    if (count > 0 && loss / count < bestLoss) {
      bestLoss = loss / count;
      best = temperature;
    }
  }
  return best;
}

/** Trains a model on the intents' examples (blank examples are ignored). */
export function trainIntentModel(intents: readonly IntentSpec[], options: TrainOptions = {}): IntentModel {
  const names = intents.map((intent) => intent.name);
  const examples = examplesOf(intents);
  const calibrate = intents.length > 1 && intents.every((intent) => intent.examples.filter((text) => text.trim()).length >= MIN_EXAMPLES_TO_CALIBRATE);
  const temperature = options.temperature ?? (calibrate ? fitTemperature(heldOutLogits(names, examples, options), examples) : 1);
  return fit(names, examples, options, temperature);
}

/**
 * k-fold cross-validation on the intents' own examples (what the publish check reports): each
 * example is classified by a model that never saw it, at temperature 1... unless one is given.
 */
export function crossValidateIntents(intents: readonly IntentSpec[], options: TrainOptions = {}): CrossValidation {
  const names = intents.map((intent) => intent.name);
  const examples = examplesOf(intents);
  const heldOut = heldOutLogits(names, examples, options);
  const temperature = options.temperature ?? fitTemperature(heldOut, examples);
  const predictions: CrossValidation['predictions'] = [];
  const right = new Array<number>(names.length).fill(0);
  const total = new Array<number>(names.length).fill(0);
  heldOut.forEach((scores, i) => {
    if (!scores) return;
    const label = examples[i]!.label;
    const ranking = rank(names, softmaxInPlace(Float64Array.from(scores), temperature, background(scores.length)));
    predictions.push({ expected: names[label]!, ranking });
    total[label]!++;
    if (ranking[0]!.intent === names[label]) right[label]!++;
  });
  const counted = total.reduce((a, b) => a + b, 0);
  return {
    accuracy: counted ? right.reduce((a, b) => a + b, 0) / counted : 0,
    byIntent: names.map((intent, c) => ({ intent, examples: examples.filter((e) => e.label === c).length, accuracy: total[c] ? right[c]! / total[c]! : 0 })),
    predictions,
  };
}

/** Four decimals: enough to rank, and stable across platforms when stored in a variable. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;
