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
