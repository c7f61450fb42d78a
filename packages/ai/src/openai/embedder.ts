import type { Embedder } from "../knowledge/embeddings";
import type { OpenAIConnection } from "./client";
import { InvalidModelOutputError } from "./errors";

/** Inputs per request: the API takes up to 2,048; smaller batches keep each request short. */
const BATCH_SIZE = 256;
/** The embedding models take ~8k tokens per input; longer passages are cut (≈4 characters a token). */
const MAX_INPUT_CHARS = 24_000;

/** OpenAI embeddings for semantic knowledge search, batched, in input order. */
export class OpenAIEmbedder implements Embedder {
  readonly name: string;

  constructor(private readonly connection: OpenAIConnection) {
    this.name = `openai:${connection.config.embeddingModel}`;
  }

  async embed(texts: readonly string[], signal?: AbortSignal): Promise<number[][]> {
    const vectors: number[][] = [];
    for (let start = 0; start < texts.length; start += BATCH_SIZE) {
      // The API rejects empty strings; a blank text gets a one-space input (a near-zero match).
      const batch = texts.slice(start, start + BATCH_SIZE).map((text) => text.slice(0, MAX_INPUT_CHARS) || " ");
      const response = await this.connection.client.embeddings.create(
        { model: this.connection.config.embeddingModel, input: batch },
        signal ? { signal } : undefined,
      );
      if (response.data.length !== batch.length) {
        throw new InvalidModelOutputError(`asked for ${batch.length} embeddings, got ${response.data.length}`);
      }
      for (const item of [...response.data].sort((a, b) => a.index - b.index)) vectors.push(item.embedding);
    }
    return vectors;
  }
}
