import { background, type Example } from './intent-model';
import { softmaxInPlace } from './softmax';

/**
 * A linear classifier on sentence vectors: multinomial logistic regression against the "none of
 * these" class with no biases (as the n-gram model, softmax.ts), so a message whose vector points
 * nowhere in particular keeps its probability for the fallback. Compared with nearest examples or
 * per-intent centroids it learns which of the 384 directions tell these intents apart: in 5-fold
 * CV on the training examples of bench/ai-eval's banking, travel and shop sets it beat top-1/2/3
 * nearest examples, centroids and centroid + nearest mixes (packages/ai/README.md has the table).
 *
 * Trained in the dual: with L2 and weights starting at 0, gradient descent keeps the weights a
 * combination of the examples' vectors (W = Σ xⱼ aⱼᵀ), so each step needs the examples' Gram
 * matrix (n × n) instead of n × 384 products, 4× less work for a router's ≤ 200 examples; the
 * weights are formed once at the end. Full batch, Nesterov momentum, fixed steps: deterministic.
 *
 * Vectors are unit length; VECTOR_SCALE stretches them so that logits reach the range of the
 * background logit (cosines between texts of one intent are only ~0.5–0.8).
 */
const VECTOR_SCALE = 4;
const L2 = 1e-3;
const STEPS = 80;
const LEARNING_RATE = 1;
const MOMENTUM = 0.9;

export type VectorLogits = (vector: readonly number[]) => Float64Array;

/** Trains on the examples `rows` of `vectors` (all of them by default). */
export function trainVectorClassifier(
  intentCount: number,
  labels: readonly number[],
  vectors: readonly (readonly number[])[],
  gram: Float64Array = gramMatrix(vectors),
  rows: readonly number[] = vectors.map((_, i) => i),
): VectorLogits {
  const dimensions = vectors[0]?.length ?? 0;
  const coefficients = trainDual(intentCount, labels, gram, vectors.length, rows);
  // W[c][d] = Σ_j a[j][c] · s·x_j[d]; the logit of x is s·x · W[c].
  const weights = new Float64Array(intentCount * dimensions);
  rows.forEach((row, j) => {
    const x = vectors[row]!;
    for (let c = 0; c < intentCount; c++) {
      const a = coefficients[j * intentCount + c]! * VECTOR_SCALE * VECTOR_SCALE;
      if (a === 0) continue;
      for (let d = 0; d < dimensions; d++) weights[c * dimensions + d]! += a * x[d]!;
    }
  });
  return (vector) => {
    const out = new Float64Array(intentCount);
    if (vector.length !== dimensions) return out;
    for (let c = 0; c < intentCount; c++) {
      let sum = 0;
      for (let d = 0; d < dimensions; d++) sum += weights[c * dimensions + d]! * vector[d]!;
      out[c] = sum;
    }
    return out;
  };
}

/** Held-out logits of every example: k classifiers, each trained without one fold (undefined: not held out). */
export function heldOutVectorLogits(
  intentCount: number,
  examples: readonly Example[],
  vectors: readonly (readonly number[])[],
  fold: readonly number[],
  k: number,
): (Float64Array | undefined)[] {
  const gram = gramMatrix(vectors);
  const labels = examples.map((example) => example.label);
  const out: (Float64Array | undefined)[] = new Array(examples.length).fill(undefined);
  for (let f = 0; f < k; f++) {
    const rows = examples.map((_, i) => i).filter((i) => fold[i] !== f);
    if (rows.length === 0 || rows.length === examples.length) continue;
    const coefficients = trainDual(intentCount, labels, gram, vectors.length, rows);
    examples.forEach((_, i) => {
      if (fold[i] !== f) return;
      const logits = new Float64Array(intentCount);
      rows.forEach((row, j) => {
        const kernel = gram[i * vectors.length + row]!;
        for (let c = 0; c < intentCount; c++) logits[c]! += kernel * coefficients[j * intentCount + c]!;
      });
      out[i] = logits;
    });
  }
  return out;
}

/** s² · xᵢ·xⱼ for every pair of vectors (row-major n × n). */
function gramMatrix(vectors: readonly (readonly number[])[]): Float64Array {
  const n = vectors.length;
  const gram = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const a = vectors[i]!;
      const b = vectors[j]!;
      let sum = 0;
      if (a.length === b.length) for (let d = 0; d < a.length; d++) sum += a[d]! * b[d]!;
      gram[i * n + j] = gram[j * n + i] = sum * VECTOR_SCALE * VECTOR_SCALE;
    }
  }
  return gram;
}

/** Dual coefficients a[j][c] (row-major over `rows`) of the L2-regularised softmax on those rows. */
function trainDual(classes: number, labels: readonly number[], gram: Float64Array, n: number, rows: readonly number[]): Float64Array {
  const m = rows.length;
  const coefficients = new Float64Array(m * classes);
  const velocity = new Float64Array(m * classes);
  const ahead = new Float64Array(m * classes);
  const gradient = new Float64Array(m * classes);
  const probabilities = new Float64Array(classes);
  const prior = background(classes);
  for (let step = 0; step < STEPS; step++) {
    for (let i = 0; i < ahead.length; i++) ahead[i] = coefficients[i]! + MOMENTUM * velocity[i]!;
    for (let i = 0; i < m; i++) {
      probabilities.fill(0);
      const base = rows[i]! * n;
      for (let j = 0; j < m; j++) {
        const kernel = gram[base + rows[j]!]!;
        for (let c = 0; c < classes; c++) probabilities[c]! += kernel * ahead[j * classes + c]!;
      }
      softmaxInPlace(probabilities, 1, prior);
      probabilities[labels[rows[i]!]!]! -= 1;
      // d loss / d W = Σ_i (p_i − y_i) s·x_iᵀ / m: in the dual, example i's own coefficient.
      for (let c = 0; c < classes; c++) gradient[i * classes + c] = probabilities[c]! / m + L2 * ahead[i * classes + c]!;
    }
    for (let i = 0; i < coefficients.length; i++) {
      velocity[i] = MOMENTUM * velocity[i]! - LEARNING_RATE * gradient[i]!;
      coefficients[i]! += velocity[i]!;
    }
  }
  return coefficients;
}

