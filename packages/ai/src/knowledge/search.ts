import { splitPassages } from './passages';
import { terms } from './terms';
import type { KnowledgeSearch, KnowledgeSearchRequest, Passage, ScoredPassage } from './types';

/** Below this score a passage is not trusted to answer the question (knowledge answer default). */
export const DEFAULT_MIN_SCORE = 0.5;

/** A query term found only in the passage's title or heading counts this much (context, not content). */
const CONTEXT_WEIGHT = 0.6;
/**
 * A query term no article uses weighs this share of the rarest known term: it still lowers the
 * score (the question asks about something the knowledge base does not mention), but one
 * unfamiliar noun ("return my *shoes*") does not sink an otherwise good match.
 */
const UNKNOWN_TERM_WEIGHT = 0.5;
/** Share of the score that rewards query terms in the article title or heading. */
const TITLE_BOOST = 0.2;

interface IndexedPassage {
  passage: Passage;
  /** Terms of the paragraph itself. */
  body: Set<string>;
  /** Terms of the article title and the heading above the paragraph. */
  context: Set<string>;
}

/**
 * Scores passages against a query by IDF-weighted term overlap, normalised to 0..1:
 *   coverage = Σ idf(t)·w(t) / Σ idf(t) over the query's terms, w = 1 in the paragraph,
 *              CONTEXT_WEIGHT when only in its title/heading, 0 when absent;
 *   score    = (1 − TITLE_BOOST)·coverage + TITLE_BOOST·(idf share of terms in title/heading).
 * Query terms the knowledge base never uses still count (see UNKNOWN_TERM_WEIGHT), so a question
 * about something else scores low instead of matching on one common word. Ties keep article order.
 */
export function scorePassages(query: string, passages: readonly Passage[]): ScoredPassage[] {
  const queryTerms = [...new Set(terms(query))];
  const indexed: IndexedPassage[] = passages.map((passage) => ({
    passage,
    body: new Set(terms(passage.text)),
    context: new Set(terms(`${passage.title} ${passage.heading ?? ''}`)),
  }));
  if (queryTerms.length === 0) return indexed.map(({ passage }) => ({ ...passage, score: 0 }));

  const n = indexed.length;
  const idf = new Map<string, number>();
  for (const term of queryTerms) {
    const df = indexed.filter((p) => p.body.has(term) || p.context.has(term)).length;
    idf.set(term, df > 0 ? bm25Idf(n, df) : UNKNOWN_TERM_WEIGHT * bm25Idf(n, 1));
  }
  const total = queryTerms.reduce((sum, term) => sum + idf.get(term)!, 0);

  return indexed.map(({ passage, body, context }) => {
    let covered = 0;
    let inTitle = 0;
    for (const term of queryTerms) {
      const weight = idf.get(term)!;
      if (body.has(term)) covered += weight;
      else if (context.has(term)) covered += weight * CONTEXT_WEIGHT;
      if (context.has(term)) inTitle += weight;
    }
    const score = total > 0 ? (1 - TITLE_BOOST) * (covered / total) + TITLE_BOOST * (inTitle / total) : 0;
    return { ...passage, score: round(score) };
  });
}

/** Best passages first, at most `limit`, leaving out passages that share no term with the query. */
export function rankPassages(query: string, passages: readonly Passage[], limit = 3): ScoredPassage[] {
  return scorePassages(query, passages)
    .map((scored, order) => ({ scored, order }))
    .filter(({ scored }) => scored.score > 0)
    .sort((a, b) => b.scored.score - a.scored.score || a.order - b.order)
    .slice(0, Math.max(0, limit))
    .map(({ scored }) => scored);
}

/** Whether the best passage is good enough to answer with. */
export function isAnswerable(ranked: readonly ScoredPassage[], minScore = DEFAULT_MIN_SCORE): boolean {
  return (ranked[0]?.score ?? 0) >= minScore;
}

/** The local search: split every article into passages, rank them by term overlap. */
export const termOverlapSearch: KnowledgeSearch = {
  name: 'term-overlap',
  async search({ query, articles, limit }: KnowledgeSearchRequest) {
    return rankPassages(query, articles.flatMap(splitPassages), limit);
  },
};

/** BM25's inverse document frequency: always positive, higher for rarer terms. */
function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function round(score: number): number {
  return Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000;
}
