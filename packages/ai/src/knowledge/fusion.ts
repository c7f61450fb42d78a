/** Reciprocal rank fusion's damping constant (Cormack et al. 2009): a high rank in one list counts, but no single list dominates. */
export const RRF_K = 60;

/**
 * How much the embedding ranking counts in the knowledge search's fusion, against 1 for each of
 * the two lexical rankings (BM25 and term coverage, which mostly agree: the same words counted
 * twice). At 1 a chunk both lexical rankings put first beat the chunk nearest in meaning whenever
 * the two disagreed ("can my 14 year old have a card" → the lost-card article, not the children's
 * accounts); at 6 the nearest chunks lead and the lexical rankings order chunks about as near.
 * Chosen on training questions only (bench/ai-eval `fusion-weight.ts`: the smallest weight with the
 * best MRR over the shop set and the untuned domains' calibration halves, local MiniLM encoder).
 */
export const SEMANTIC_RRF_WEIGHT = 6;

/**
 * Reciprocal rank fusion of ranked id lists: score(id) = Σ 1 / (k + rank), rank from 1. Ranks
 * need no common scale, which is why BM25 scores and cosine similarities can be merged this way.
 */
export function reciprocalRankFusion(rankings: readonly (readonly string[])[], k = RRF_K): Map<string, number> {
  const fused = new Map<string, number>();
  for (const ranking of rankings) {
    ranking.forEach((id, index) => fused.set(id, (fused.get(id) ?? 0) + 1 / (k + index + 1)));
  }
  return fused;
}

/** Cosine similarity of two vectors (0 when either is all zeros or their lengths differ). */
export function cosineSimilarity(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
