// How close a message's sentence vector is to each intent's examples, and the cut under which a
// message is unlike every example (semantic-model.ts uses both).
import type { Example } from './intent-model';

/**
 * Each intent's similarity to `vector`: the mean cosine (vectors are unit length: a dot product)
 * of its two closest examples, or the one when it has one. Two rather than one: a single
 * unusual example then pulls less, and in 5-fold CV on the examples of bench/ai-eval's three
 * domains (training examples only) top-2 beat the closest example alone and the mean of all.
 */
export function nearestByIntent(
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
export function referenceSimilarity(examples: readonly Example[], vectors: readonly (readonly number[])[], intentCount: number): number {
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

/**
 * Share of the held-out examples (each against its own intent's other-fold examples) whose
 * similarity may fall under the cut: the rate at which the gate would turn away in-scope
 * messages as unlike every example. 1%, chosen on bench/ai-eval's shop set (tuned on before; the
 * untuned domains were not looked at): of the rates tried (1%, 2%, the lowest example, mean −
 * 2 / 2.5 standard deviations, per intent or pooled), the one that kept the most in-scope test
 * utterances while all six out-of-scope messages fell back, ties to the better 5-fold CV accuracy.
 */
const GATE_QUANTILE = 0.01;

/**
 * The similarity under which a message is unlike every example: the GATE_QUANTILE quantile of
 * the examples' held-out similarity to their own intent (with under 100 examples, the lowest).
 * A message whose best intent is less similar than that falls back, however the softmax shares
 * out the rest: the softmax only knows which intent is *least unlike* it. -Infinity when nothing
 * was held out.
 */
export function similarityCut(ownSimilarities: readonly number[]): number {
  if (ownSimilarities.length === 0) return -Infinity;
  const sorted = [...ownSimilarities].sort((a, b) => a - b);
  return sorted[Math.floor(GATE_QUANTILE * (sorted.length - 1))]!;
}
