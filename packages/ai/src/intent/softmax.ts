import type { SparseVector } from './features';

/**
 * Multinomial logistic regression (softmax) on sparse vectors, L2-regularised, trained by
 * full-batch gradient descent with Nesterov momentum for a fixed number of steps.
 *
 * Why this and not SGD: the objective is convex and the data small (tens to a few hundred
 * examples), so a full batch costs milliseconds and needs no shuffling. The result depends
 * only on the examples and their order — deterministic without a seed, the same on every
 * worker, which is what a flow version's cached model must be.
 */
export interface SoftmaxOptions {
  /** L2 penalty per example on the weights (not on the biases). */
  l2?: number;
  steps?: number;
  learningRate?: number;
  /**
   * The fixed logit of an implicit "none of these" class with no examples (undefined: no such
   * class). The intents' biases then stay 0.
   */
  background?: number;
}

export interface SoftmaxModel {
  classes: number;
  features: number;
  /** Row-major: weights[feature * classes + class]. */
  weights: Float64Array;
  bias: Float64Array;
}

/**
 * 60 steps: on bench/ai-eval accuracy no longer changes after about 50 (the held-out loss is
 * flat), and training time is linear in steps.
 */
const DEFAULTS: SoftmaxOptions & Required<Omit<SoftmaxOptions, 'background'>> = { l2: 1e-3, steps: 60, learningRate: 2 };

export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: readonly number[],
  classes: number,
  features: number,
  options: SoftmaxOptions = {},
): SoftmaxModel {
  const { l2, steps, learningRate, background } = { ...DEFAULTS, ...options };
  const n = xs.length;
  const weights = new Float64Array(features * classes);
  const bias = new Float64Array(classes);
  // Nesterov: gradients are taken at the look-ahead point (params + momentum * velocity).
  const velocityW = new Float64Array(weights.length);
  const velocityB = new Float64Array(classes);
  const aheadW = new Float64Array(weights.length);
  const aheadB = new Float64Array(classes);
  const gradW = new Float64Array(weights.length);
  const gradB = new Float64Array(classes);
  const probabilities = new Float64Array(classes);
  const momentum = 0.9;
  if (n === 0) return { classes, features, weights, bias };

  for (let step = 0; step < steps; step++) {
    for (let i = 0; i < weights.length; i++) aheadW[i] = weights[i]! + momentum * velocityW[i]!;
    for (let c = 0; c < classes; c++) aheadB[c] = bias[c]! + momentum * velocityB[c]!;
    gradW.fill(0);
    gradB.fill(0);
    for (let e = 0; e < n; e++) {
      const x = xs[e]!;
      logitsInto(aheadW, aheadB, classes, x, probabilities);
      softmaxInPlace(probabilities, 1, background);
      probabilities[ys[e]!]! -= 1; // d(cross-entropy)/d(logit) = p - onehot
      for (let k = 0; k < x.indices.length; k++) {
        const base = x.indices[k]! * classes;
        const value = x.values[k]!;
        for (let c = 0; c < classes; c++) gradW[base + c]! += value * probabilities[c]!;
      }
      for (let c = 0; c < classes; c++) gradB[c]! += probabilities[c]!;
    }
    for (let i = 0; i < weights.length; i++) {
      const gradient = gradW[i]! / n + l2 * aheadW[i]!;
      velocityW[i] = momentum * velocityW[i]! - learningRate * gradient;
      weights[i]! += velocityW[i]!;
    }
    for (let c = 0; c < classes; c++) {
      // Against a background class, biases stay 0: an intent's share must come from the
      // message's features, so a message with none of them goes to "none of these".
      if (background !== undefined) continue;
      velocityB[c] = momentum * velocityB[c]! - learningRate * (gradB[c]! / n);
      bias[c]! += velocityB[c]!;
    }
  }
  return { classes, features, weights, bias };
}

/** Raw class scores (logits) of one vector, written into `out`. */
export function logitsInto(weights: Float64Array, bias: Float64Array, classes: number, x: SparseVector, out: Float64Array): Float64Array {
  for (let c = 0; c < classes; c++) out[c] = bias[c]!;
  for (let k = 0; k < x.indices.length; k++) {
    const base = x.indices[k]! * classes;
    const value = x.values[k]!;
    for (let c = 0; c < classes; c++) out[c]! += value * weights[base + c]!;
  }
  return out;
}

export function logits(model: SoftmaxModel, x: SparseVector): Float64Array {
  return logitsInto(model.weights, model.bias, model.classes, x, new Float64Array(model.classes));
}

/**
 * Softmax of `scores / temperature`, in place (max subtracted first for stability). With
 * `background`, one more class with that fixed (unscaled) logit takes part in the normalisation but is not
 * written out: the probabilities then sum to less than 1, the rest being "none of these".
 */
export function softmaxInPlace(scores: Float64Array, temperature = 1, background?: number): Float64Array {
  // The background is a prior, not a learned score: the temperature does not scale it, so a
  // message with no known feature gets the same share whatever the calibration.
  let max = background ?? -Infinity;
  for (const score of scores) if (score / temperature > max) max = score / temperature;
  let sum = background === undefined ? 0 : Math.exp(background - max);
  for (let c = 0; c < scores.length; c++) {
    const e = Math.exp(scores[c]! / temperature - max);
    scores[c] = e;
    sum += e;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = scores[c]! / sum;
  return scores;
}
