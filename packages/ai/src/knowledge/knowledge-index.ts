import { FieldedBm25, type Bm25Hit } from './bm25-index';
import type { Embedder } from './embeddings';
import { RRF_K, SEMANTIC_RRF_WEIGHT } from './fusion';
import { HEADING_SEPARATOR } from './chunking';
import { terms } from './terms';
import type { KnowledgeChunk, RankedChunk } from './types';

/**
 * Below this confidence the best chunk is not trusted to answer (knowledge answer default).
 * Calibrated on bench/ai-eval's answerable vs unanswerable questions (see bench/ai-eval/run.ts §2).
 */
export const ANSWERABLE_MIN_SCORE = 0.45;

/** A query term found only in the chunk's title or heading path counts this much (context, not content). */
const CONTEXT_WEIGHT = 0.6;
/** A query term no chunk uses weighs this share of the rarest known term (see `confidence`). */
const UNKNOWN_TERM_WEIGHT = 0.5;
/** Share of the confidence that rewards query terms in the title or headings. */
const TITLE_BOOST = 0.2;
/** BM25 field boosts (title, heading path, text): a title or heading that says the words is strong evidence of the topic. */
const FIELD_BOOSTS = [2, 1.5, 1];
/** How many hits each retriever contributes to the fusion. */
const CANDIDATES = 20;
/**
 * In a large index, a query's common terms (found in more than this share of the chunks) do not
 * pick candidates, they only add to the score of chunks that a rarer term found — as Lucene's
 * CommonTermsQuery: a chunk that shares only "order" with "zebra wrapping for my order" is no
 * answer. Terms no chunk uses pick nothing, so they never count as the rarer ones (one unknown
 * word must not empty the result). Small knowledge bases let every term pick.
 */
const COMMON_TERM_SHARE = 0.05;
const PRUNE_FROM_CHUNKS = 1000;

interface IndexedChunk {
  chunk: KnowledgeChunk;
  body: Set<string>;
  context: Set<string>;
  /** Σ x² of the chunk's embedding, summed once here rather than on every query (see `nearest`). */
  squaredNorm: number;
}

/** A chunk one of the rankings found, while the rankings are fused. */
interface Candidate {
  indexed: IndexedChunk;
  confidence: number;
  fused: number;
  /** Tie-break after fused score and confidence: lexical rank, then coverage rank. */
  order: number;
  bm25?: { rank: number; score: number };
  semantic?: { rank: number; similarity: number };
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
  /**
   * The embedder's calibrated cut (`Embedder.answerableSimilarity`): with it and a query vector,
   * a hit's `score` is its cosine mapped onto ANSWERABLE_MIN_SCORE (see `semanticConfidence`).
   */
  answerableSimilarity?: number;
  /** The embedding ranking's weight in the fusion (default SEMANTIC_RRF_WEIGHT; the bench's sweep varies it). */
  semanticWeight?: number;
}

/**
 * One knowledge base's search index, kept in memory and updated document by document: BM25+
 * (`FieldedBm25`, an inverted index over typed arrays) over each chunk's title, heading path and
 * text, plus a vector per chunk when an embedder indexed it. A query over 10,000 chunks costs
 * about 0.1 ms of CPU (bench/ai-eval §4).
 */
export class KnowledgeIndex {
  private readonly bm25 = new FieldedBm25(FIELD_BOOSTS);
  private readonly chunks = new Map<string, IndexedChunk>();
  private readonly documents = new Map<string, { version: string; chunkIds: string[] }>();

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
      const title = terms(chunk.title);
      const heading = terms(chunk.headingPath.join(HEADING_SEPARATOR));
      const text = terms(chunk.text);
      this.chunks.set(chunk.id, { chunk, body: new Set(text), context: new Set([...title, ...heading]), squaredNorm: squaredNorm(chunk.embedding) });
      this.bm25.add(chunk.id, [title, heading, text]);
    }
    this.documents.set(document.id, { version: document.version, chunkIds: document.chunks.map((c) => c.id) });
    return true;
  }

  /** Removes a document's chunks; false when it was not indexed. */
  remove(documentId: string): boolean {
    const existing = this.documents.get(documentId);
    if (!existing) return false;
    for (const id of existing.chunkIds) {
      this.chunks.delete(id);
      this.bm25.remove(id);
    }
    this.documents.delete(documentId);
    return true;
  }

  /**
   * Ranks chunks: BM25 hits, and nearest chunks by cosine when `queryVector` is given, merged by
   * reciprocal rank fusion. Each hit's `score` is its answerability confidence (see `confidence`).
   */
  search(query: string, { limit = 3, queryVector, answerableSimilarity, semanticWeight = SEMANTIC_RRF_WEIGHT }: SearchOptions = {}): RankedChunk[] {
    const queryTerms = [...new Set(terms(query))];
    if (queryTerms.length === 0 || limit <= 0) return [];
    const lexical = this.lexical(queryTerms, Math.max(CANDIDATES, limit));
    const semantic = queryVector ? this.nearest(queryVector, Math.max(CANDIDATES, limit)) : [];
    const candidates = new Map<string, Candidate>();
    const candidate = (id: string) => {
      let found = candidates.get(id);
      if (!found) candidates.set(id, (found = { indexed: this.chunks.get(id)!, confidence: 0, fused: 0, order: 0 }));
      return found;
    };
    lexical.forEach((hit, index) => (candidate(hit.key).bm25 = { rank: index + 1, score: round(hit.score) }));
    semantic.forEach((hit, index) => (candidate(hit.id).semantic = { rank: index + 1, similarity: round(hit.similarity) }));
    // Coverage (the confidence) is a third ranker: of two chunks BM25 finds about as relevant,
    // the one that covers more of the question answers it better (and wins a fused tie).
    const idf = this.queryIdf(queryTerms);
    for (const c of candidates.values()) c.confidence = confidence(queryTerms, idf, c.indexed);
    const byCoverage = [...candidates.values()].sort((a, b) => b.confidence - a.confidence);
    // Reciprocal rank fusion of the three rankings (the semantic one weighted, SEMANTIC_RRF_WEIGHT),
    // summed in a fixed order; equal fused scores go by confidence, then lexical hits first, then by coverage.
    byCoverage.forEach((c, index) => {
      c.fused = (c.bm25 ? 1 / (RRF_K + c.bm25.rank) : 0) + 1 / (RRF_K + index + 1) + (c.semantic ? semanticWeight / (RRF_K + c.semantic.rank) : 0);
      c.order = c.bm25 ? c.bm25.rank : lexical.length + index + 1;
    });
    const queryNorm = queryVector ? squaredNorm(queryVector) : 0;
    const semanticScore = (indexed: IndexedChunk) =>
      queryVector && answerableSimilarity !== undefined && indexed.chunk.embedding ? semanticConfidence(cosine(queryVector, queryNorm, indexed), answerableSimilarity) : undefined;
    return byCoverage
      .sort((a, b) => b.fused - a.fused || b.confidence - a.confidence || a.order - b.order)
      .slice(0, limit)
      .map(({ indexed, confidence: coverage, fused, bm25, semantic: near }) => ({
        chunk: indexed.chunk,
        score: semanticScore(indexed) ?? coverage,
        fused: Math.round(fused * 1e5) / 1e5,
        ...(bm25 ? { bm25 } : {}),
        ...(near ? { semantic: near } : {}),
      }));
  }

  /** The best `count` BM25 hits; in a large index only the rarer query terms pick them (see COMMON_TERM_SHARE). */
  private lexical(queryTerms: readonly string[], count: number): Bm25Hit[] {
    const n = this.bm25.size;
    if (n < PRUNE_FROM_CHUNKS) return this.bm25.search(queryTerms, count);
    const picksCandidates = queryTerms.map((term) => {
      const df = this.bm25.documentFrequency(term);
      return df > 0 && df <= COMMON_TERM_SHARE * n;
    });
    // A query of common terms only has nothing rarer to pick with: every term picks.
    return this.bm25.search(queryTerms, count, picksCandidates.includes(true) ? { picksCandidates } : {});
  }

  /**
   * The `count` chunks most similar to the query vector by cosine, as `cosineSimilarity` computes
   * it (a chunk whose vector cannot be compared scores 0), with the chunks' norms summed at upsert
   * and only the best kept: one multiply-add per dimension and chunk, no object per chunk.
   */
  private nearest(vector: readonly number[], count: number): { id: string; similarity: number }[] {
    const queryNorm = squaredNorm(vector);
    const best: { id: string; similarity: number }[] = [];
    for (const [id, { chunk, squaredNorm: norm }] of this.chunks) {
      const embedding = chunk.embedding;
      if (!embedding) continue;
      let similarity = 0;
      if (embedding.length === vector.length && vector.length > 0 && queryNorm > 0 && norm > 0) {
        let dot = 0;
        for (let i = 0; i < vector.length; i++) dot += vector[i]! * embedding[i]!;
        similarity = dot / Math.sqrt(queryNorm * norm);
      }
      if (best.length === count && similarity <= best[count - 1]!.similarity) continue;
      // Equal similarities keep the chunks' order, as the stable sort before did.
      let at = Math.min(best.length, count - 1);
      while (at > 0 && similarity > best[at - 1]!.similarity) at--;
      if (best.length === count) best.pop();
      best.splice(at, 0, { id, similarity });
    }
    return best;
  }

  /** Each query term's weight in the confidence, in query term order. */
  private queryIdf(queryTerms: readonly string[]): number[] {
    const n = Math.max(1, this.chunks.size);
    return queryTerms.map((term) => {
      const df = this.bm25.documentFrequency(term);
      return df > 0 ? bm25Idf(n, df) : UNKNOWN_TERM_WEIGHT * bm25Idf(n, 1);
    });
  }
}

/**
 * Searches with the embedder when there is one: the query is embedded (one call) and semantic
 * hits are fused with BM25's. An embedder that fails degrades to BM25 alone (`degraded` says why).
 */
export async function searchHybrid(
  index: KnowledgeIndex,
  query: string,
  { limit = 3, embedder, signal }: { limit?: number; embedder?: Embedder; signal?: AbortSignal } = {},
): Promise<{ hits: RankedChunk[]; degraded?: string }> {
  if (!embedder || terms(query).length === 0) return { hits: index.search(query, { limit }) };
  try {
    const [queryVector] = await embedder.embed([query], signal);
    if (!queryVector) throw new Error('the embedder returned no vector');
    const { answerableSimilarity } = embedder;
    return { hits: index.search(query, { limit, queryVector, ...(answerableSimilarity !== undefined ? { answerableSimilarity } : {}) }) };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { hits: index.search(query, { limit }), degraded: `${embedder.name} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Whether the best hit is good enough to answer with. */
export function isAnswerableHit(hits: readonly RankedChunk[], minScore = ANSWERABLE_MIN_SCORE): boolean {
  return (hits[0]?.score ?? 0) >= minScore;
}

/**
 * How well a chunk covers the query, in 0..1 — what answerability is judged on (BM25 scores have
 * no fixed scale, so they rank but cannot be held against a threshold):
 *   coverage   = Σ idf(t)·w(t) / Σ idf(t), w = 1 in the text, CONTEXT_WEIGHT only in title/headings;
 *   confidence = (1 − TITLE_BOOST)·coverage + TITLE_BOOST·(idf share of terms in title/headings).
 * Query terms the knowledge base never uses still weigh (UNKNOWN_TERM_WEIGHT), so a question
 * about something else scores low instead of matching on one common word.
 */
function confidence(queryTerms: readonly string[], idf: readonly number[], { body, context }: IndexedChunk): number {
  let total = 0;
  let covered = 0;
  let inContext = 0;
  for (let i = 0; i < queryTerms.length; i++) {
    const weight = idf[i]!;
    const term = queryTerms[i]!;
    const inText = body.has(term);
    const inTitle = context.has(term);
    total += weight;
    if (inText) covered += weight;
    else if (inTitle) covered += weight * CONTEXT_WEIGHT;
    if (inTitle) inContext += weight;
  }
  return total > 0 ? round((1 - TITLE_BOOST) * (covered / total) + TITLE_BOOST * (inContext / total)) : 0;
}

/** The cosine of the query and a chunk's vector (0 when they cannot be compared). */
function cosine(vector: readonly number[], queryNorm: number, { chunk, squaredNorm: norm }: IndexedChunk): number {
  const embedding = chunk.embedding!;
  if (embedding.length !== vector.length || queryNorm === 0 || norm === 0) return 0;
  let dot = 0;
  for (let i = 0; i < vector.length; i++) dot += vector[i]! * embedding[i]!;
  return dot / Math.sqrt(queryNorm * norm);
}

/**
 * A cosine as an answerability confidence in 0..1, piecewise linear so that the embedder's
 * calibrated cut lands exactly on ANSWERABLE_MIN_SCORE: the knowledge-answer node's default
 * threshold is the calibrated cut, and a stricter or looser threshold moves it the same way.
 */
export function semanticConfidence(similarity: number, cut: number): number {
  const value =
    similarity <= cut
      ? (ANSWERABLE_MIN_SCORE * Math.max(0, similarity)) / cut
      : ANSWERABLE_MIN_SCORE + ((1 - ANSWERABLE_MIN_SCORE) * (Math.min(1, similarity) - cut)) / (1 - cut);
  return round(value);
}

function squaredNorm(vector: readonly number[] | undefined): number {
  let sum = 0;
  for (const x of vector ?? []) sum += x * x;
  return sum;
}

function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
