/** Turns texts into vectors for semantic search (OpenAI embeddings when keyed). */
export interface Embedder {
  readonly name: string;
  embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]>;
}
