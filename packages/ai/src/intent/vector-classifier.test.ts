import { describe, expect, it } from 'vitest';
import { folds } from './intent-model';
import { heldOutVectorLogits, trainVectorClassifier } from './vector-classifier';

/** Unit vectors around three directions, a little apart (deterministic, no PRNG needed). */
function cluster(axis: number, count: number): number[][] {
  return Array.from({ length: count }, (_, i) => {
    const v = [0.1, 0.1, 0.1, 0.1];
    v[axis] = 1;
    v[(axis + 1) % 4]! += 0.05 * i;
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('the linear classifier on sentence vectors', () => {
  const vectors = [...cluster(0, 5), ...cluster(1, 5), ...cluster(2, 5)];
  const examples = vectors.map((_, i) => ({ text: String(i), label: Math.floor(i / 5) }));

  it('ranks a vector near an intent\'s examples first', () => {
    const classify = trainVectorClassifier(3, examples.map((e) => e.label), vectors);
    for (const [axis, label] of [[0, 0], [1, 1], [2, 2]] as const) {
      const probe = [0.2, 0.2, 0.2, 0.2];
      probe[axis] = 0.9;
      const logits = classify(probe);
      expect(logits.indexOf(Math.max(...logits))).toBe(label);
    }
    expect([...classify([1, 0])]).toEqual([0, 0, 0]); // other dimensions: no opinion
  });

  it('gives held-out logits equal to a classifier trained without the fold (the dual and the weights agree)', () => {
    const fold = folds(examples, 5);
    const heldOut = heldOutVectorLogits(3, examples, vectors, fold, 5);
    const rows = examples.map((_, i) => i).filter((i) => fold[i] !== 0);
    const withoutFold0 = trainVectorClassifier(3, rows.map((i) => examples[i]!.label), rows.map((i) => vectors[i]!));
    examples.forEach((_, i) => {
      if (fold[i] !== 0) return;
      const expected = withoutFold0(vectors[i]!);
      heldOut[i]!.forEach((value, c) => expect(value).toBeCloseTo(expected[c]!, 9));
    });
  });
});
