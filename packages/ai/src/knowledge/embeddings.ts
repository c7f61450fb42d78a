/** Turns texts into vectors for semantic search (OpenAI embeddings when keyed). */
export interface Embedder {
  readonly name: string;
  /**
   * The cosine below which a knowledge hit does not answer the question, calibrated for this
   * model. Without one, answerability stays the hit's term coverage (cosines of different models
   * have different scales: one cut cannot serve them all).
   */
  readonly answerableSimilarity?: number;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}
