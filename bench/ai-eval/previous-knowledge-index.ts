// The knowledge search as it was before FieldedBm25 (packages/ai, up to commit 689b0f2): MiniSearch
// scoring every chunk that matches a query term, with the CommonTermsQuery-style candidate cap.
// Kept only so bench/ai-eval §4 can measure the new index against it in the same run; the
// answerability helpers (`isAnswerableHit`, `searchHybrid`) are left out.
import MiniSearch from 'minisearch';
import { HEADING_SEPARATOR, cosineSimilarity, reciprocalRankFusion, searchTerms as terms, type KnowledgeChunk, type RankedChunk } from '@parley/ai';

/** A query term found only in the chunk's title or heading path counts this much (context, not content). */
const CONTEXT_WEIGHT = 0.6;
/** A query term no chunk uses weighs this share of the rarest known term (see `confidence`). */
const UNKNOWN_TERM_WEIGHT = 0.5;
/** Share of the confidence that rewards query terms in the title or headings. */
const TITLE_BOOST = 0.2;
/** BM25 field boosts: a title or heading that says the words is strong evidence of the topic. */
const BOOST = { title: 2, heading: 1.5, text: 1 };
/** How many hits each retriever contributes to the fusion. */
const CANDIDATES = 20;
/**
 * In a large index, a query's common terms (found in more than this share of the chunks) do not
 * pick candidates, they only score them — Lucene's CommonTermsQuery. Scoring thousands of chunks
 * that share one frequent word with the query is what a query costs; a chunk that matches none of
 * the query's rarer terms is not an answer anyway. Small knowledge bases score every match.
 */
const COMMON_TERM_SHARE = 0.05;
const PRUNE_FROM_CHUNKS = 1000;
/** Candidates the rare terms pick, which all query terms then score. */
const RARE_CANDIDATES = 100;

interface IndexedChunk {
  chunk: KnowledgeChunk;
  body: Set<string>;
  context: Set<string>;
}

export interface IndexedDocument {
  id: string;
  /** Changes whenever the document's chunks change (content hash, or hash + chunker version). */
  version: string;
  chunks: readonly KnowledgeChunk[];
}

export interface SearchOptions {
  /** How many chunks to return (default 3). */
  limit?: number;
  /** The query's embedding, when semantic search is on (see `searchHybrid`). */
  queryVector?: readonly number[];
}

/**
 * One knowledge base's search index, kept in memory and updated document by document: BM25 (by
 * MiniSearch, BM25+ scoring) over each chunk's title, heading path and text, plus a vector per
 * chunk when an embedder indexed it. Why MiniSearch: maintained, no dependencies, incremental
 * add/discard without a rebuild, custom tokenizer (ours stems and drops stop words), field boosts,
 * and fast: a query over 10,000 chunks takes well under a millisecond (bench/ai-eval §4).
 */
export class PreviousKnowledgeIndex {
  private readonly bm25 = new MiniSearch<{ id: string; title: string; heading: string; text: string }>({
    fields: ['title', 'heading', 'text'],
    tokenize: terms,
    processTerm: (term) => term,
    searchOptions: { boost: BOOST, combineWith: 'OR' },
  });
  private readonly chunks = new Map<string, IndexedChunk>();
  private readonly documents = new Map<string, { version: string; chunkIds: string[] }>();
  /** In how many chunks each term appears (title, heading or text): the IDF of the confidence. */
  private readonly documentFrequency = new Map<string, number>();

  get size(): { documents: number; chunks: number } {
    return { documents: this.documents.size, chunks: this.chunks.size };
  }

  /** The version each indexed document was indexed at. */
  versions(): Map<string, string> {
    return new Map([...this.documents].map(([id, { version }]) => [id, version]));
  }

  /** Adds or replaces a document's chunks; false (and no work) when that version is indexed already. */
  upsert(document: IndexedDocument): boolean {
    if (this.documents.get(document.id)?.version === document.version) return false;
    this.remove(document.id);
    for (const chunk of document.chunks) {
      const heading = chunk.headingPath.join(HEADING_SEPARATOR);
      const indexed: IndexedChunk = { chunk, body: new Set(terms(chunk.text)), context: new Set(terms(`${chunk.title} ${heading}`)) };
      this.chunks.set(chunk.id, indexed);
      for (const term of new Set([...indexed.body, ...indexed.context])) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
      this.bm25.add({ id: chunk.id, title: chunk.title, heading, text: chunk.text });
    }
    this.documents.set(document.id, { version: document.version, chunkIds: document.chunks.map((c) => c.id) });
    return true;
  }

  /** Removes a document's chunks; false when it was not indexed. */
  remove(documentId: string): boolean {
    const existing = this.documents.get(documentId);
    if (!existing) return false;
    for (const id of existing.chunkIds) {
      const indexed = this.chunks.get(id);
      if (!indexed) continue;
      for (const term of new Set([...indexed.body, ...indexed.context])) {
        const count = (this.documentFrequency.get(term) ?? 1) - 1;
        if (count > 0) this.documentFrequency.set(term, count);
        else this.documentFrequency.delete(term);
      }
      this.chunks.delete(id);
      this.bm25.discard(id);
    }
    this.documents.delete(documentId);
    return true;
  }

  /**
   * Ranks chunks: BM25 hits, and nearest chunks by cosine when `queryVector` is given, merged by
   * reciprocal rank fusion. Each hit's `score` is its answerability confidence (see `confidence`).
   */
  search(query: string, { limit = 3, queryVector }: SearchOptions = {}): RankedChunk[] {
    const queryTerms = [...new Set(terms(query))];
    if (queryTerms.length === 0 || limit <= 0) return [];
    const lexical = this.lexical(queryTerms).slice(0, Math.max(CANDIDATES, limit));
    const semantic = queryVector ? this.nearest(queryVector, Math.max(CANDIDATES, limit)) : [];
    // Coverage (the confidence) is a third ranker: of two chunks BM25 finds about as relevant,
    // the one that covers more of the question answers it better (and wins a fused tie).
    const idf = this.queryIdf(queryTerms);
    const candidates = [...new Set([...lexical.map((hit) => String(hit.id)), ...semantic.map((hit) => hit.id)])];
    const scores = new Map(candidates.map((id) => [id, confidence(queryTerms, idf, this.chunks.get(id)!)]));
    const byCoverage = [...candidates].sort((a, b) => scores.get(b)! - scores.get(a)!);
    const fused = reciprocalRankFusion([lexical.map((hit) => String(hit.id)), byCoverage, semantic.map((hit) => hit.id)]);
    const bm25 = new Map(lexical.map((hit, index) => [String(hit.id), { rank: index + 1, score: round(hit.score) }]));
    const near = new Map(semantic.map((hit, index) => [hit.id, { rank: index + 1, similarity: round(hit.similarity) }]));
    return [...fused]
      .sort((a, b) => b[1] - a[1] || scores.get(b[0])! - scores.get(a[0])!)
      .slice(0, limit)
      .map(([id, fusedScore]) => {
        const indexed = this.chunks.get(id)!;
        return {
          chunk: indexed.chunk,
          score: scores.get(id)!,
          fused: Math.round(fusedScore * 1e5) / 1e5,
          ...(bm25.has(id) ? { bm25: bm25.get(id)! } : {}),
          ...(near.has(id) ? { semantic: near.get(id)! } : {}),
        };
      });
  }

  /**
   * BM25 hits for the query terms. In a large index, the rare terms pick the best
   * RARE_CANDIDATES chunks first; then every term scores those, and only those (MiniSearch skips
   * the rest cheaply when `boostDocument` returns 0), so scores equal a full search's.
   */
  private lexical(queryTerms: readonly string[]) {
    const n = this.chunks.size;
    const rare = n < PRUNE_FROM_CHUNKS ? [] : queryTerms.filter((term) => (this.documentFrequency.get(term) ?? 0) <= COMMON_TERM_SHARE * n);
    if (rare.length === 0 || rare.length === queryTerms.length) return this.bm25.search(queryTerms.join(' '));
    const candidates = new Set(this.bm25.search(rare.join(' ')).slice(0, RARE_CANDIDATES).map((hit) => hit.id as string));
    return this.bm25.search(queryTerms.join(' '), { boostDocument: (id) => (candidates.has(id as string) ? 1 : 0) });
  }

  private nearest(vector: readonly number[], count: number): { id: string; similarity: number }[] {
    const scored: { id: string; similarity: number }[] = [];
    for (const [id, { chunk }] of this.chunks) {
      if (chunk.embedding) scored.push({ id, similarity: cosineSimilarity(vector, chunk.embedding) });
    }
    return scored.sort((a, b) => b.similarity - a.similarity).slice(0, count);
  }

  private queryIdf(queryTerms: readonly string[]): Map<string, number> {
    const n = Math.max(1, this.chunks.size);
    return new Map(
      queryTerms.map((term) => {
        const df = this.documentFrequency.get(term) ?? 0;
        return [term, df > 0 ? bm25Idf(n, df) : UNKNOWN_TERM_WEIGHT * bm25Idf(n, 1)];
      }),
    );
  }
}

/**
 * How well a chunk covers the query, in 0..1 — what answerability is judged on (BM25 scores have
 * no fixed scale, so they rank but cannot be held against a threshold):
 *   coverage   = Σ idf(t)·w(t) / Σ idf(t), w = 1 in the text, CONTEXT_WEIGHT only in title/headings;
 *   confidence = (1 − TITLE_BOOST)·coverage + TITLE_BOOST·(idf share of terms in title/headings).
 * Query terms the knowledge base never uses still weigh (UNKNOWN_TERM_WEIGHT), so a question
 * about something else scores low instead of matching on one common word.
 */
function confidence(queryTerms: readonly string[], idf: Map<string, number>, { body, context }: IndexedChunk): number {
  let total = 0;
  let covered = 0;
  let inContext = 0;
  for (const term of queryTerms) {
    const weight = idf.get(term)!;
    total += weight;
    if (body.has(term)) covered += weight;
    else if (context.has(term)) covered += weight * CONTEXT_WEIGHT;
    if (context.has(term)) inContext += weight;
  }
  return total > 0 ? round((1 - TITLE_BOOST) * (covered / total) + TITLE_BOOST * (inContext / total)) : 0;
}

function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
