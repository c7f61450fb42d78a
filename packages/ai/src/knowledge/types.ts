/** An article as the knowledge base stores it (Markdown body). */
export interface KnowledgeArticleInput {
  id: string;
  title: string;
  body: string;
  url?: string | null;
}

/** A piece of an article small enough to say as an answer: one paragraph with its context. */
export interface Passage {
  articleId: string;
  title: string;
  url?: string;
  /** The Markdown heading the paragraph sits under, if any (context for scoring and readers). */
  heading?: string;
  /** The chunk's id and full heading path, when the passage comes from a stored chunk. */
  chunkId?: string;
  headingPath?: string[];
  text: string;
}

/** A passage ranked against a query; `score` is in 0..1 (1: every query term, in the title too). */
export interface ScoredPassage extends Passage {
  score: number;
}

export interface KnowledgeSearchRequest {
  query: string;
  articles: readonly KnowledgeArticleInput[];
  /** How many passages to return at most (default 3). */
  limit?: number;
}

/**
 * Ranks the passages of a knowledge base's articles against a question. Async because the
 * planned implementation (BM25 + embeddings) calls an embedding API; the current one
 * (`termOverlapSearch`) is pure and local.
 */
export interface KnowledgeSearch {
  readonly name: string;
  search(request: KnowledgeSearchRequest): Promise<ScoredPassage[]>;
}

/** The formats a knowledge document can be ingested from. */
export const KNOWLEDGE_SOURCE_TYPES = ['text', 'markdown', 'html', 'pdf'] as const;
export type KnowledgeSourceType = (typeof KNOWLEDGE_SOURCE_TYPES)[number];

/** A structural piece of an ingested document: headings give context, paragraphs carry content. */
export type DocumentBlock = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string };

/** A searchable piece of a document: a few paragraphs under one heading path. */
export interface KnowledgeChunk {
  /** Stable id (the database row id, or `documentId#ordinal`). */
  id: string;
  documentId: string;
  /** The document's title and public link, repeated so a hit can be cited on its own. */
  title: string;
  url?: string;
  ordinal: number;
  /** Headings above the chunk, outermost first: ["Billing", "Refunds"]. */
  headingPath: string[];
  text: string;
  /** Semantic vector, when an embedder indexed the chunk. */
  embedding?: readonly number[];
}

/** A chunk ranked against a query: fused rank, the confidence to answer with, and how each retriever saw it. */
export interface RankedChunk {
  chunk: KnowledgeChunk;
  /**
   * Answerability confidence in 0..1: the IDF-weighted share of the query's terms the chunk
   * covers, or, when the search had a query vector, a calibrated embedder and the chunk a vector,
   * their cosine mapped so that the embedder's cut is ANSWERABLE_MIN_SCORE (`semanticConfidence`).
   */
  score: number;
  /** Reciprocal rank fusion score (what the order is by). */
  fused: number;
  bm25?: { rank: number; score: number };
  semantic?: { rank: number; similarity: number };
}
