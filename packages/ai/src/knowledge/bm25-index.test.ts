import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { FieldedBm25 } from './bm25-index';
import { HEADING_SEPARATOR } from './chunking';
import { articleChunks } from './documents';
import { helpCenter } from './help-center.fixture';
import { terms } from './terms';

const BOOSTS = { title: 2, heading: 1.5, text: 1 };
const chunks = helpCenter.flatMap((article) => articleChunks(article));
const fields = (chunk: (typeof chunks)[number]) => [terms(chunk.title), terms(chunk.headingPath.join(HEADING_SEPARATOR)), terms(chunk.text)];

function ourIndex(of = chunks): FieldedBm25 {
  const index = new FieldedBm25([BOOSTS.title, BOOSTS.heading, BOOSTS.text]);
  for (const chunk of of) index.add(chunk.id, fields(chunk));
  return index;
}

/** MiniSearch configured as KnowledgeIndex used it before FieldedBm25: the ranking to keep. */
function miniSearch(of = chunks) {
  const index = new MiniSearch<{ id: string; title: string; heading: string; text: string }>({
    fields: ['title', 'heading', 'text'],
    tokenize: terms,
    processTerm: (term) => term,
    searchOptions: { boost: BOOSTS, combineWith: 'OR' },
  });
  index.addAll(of.map((c) => ({ id: c.id, title: c.title, heading: c.headingPath.join(HEADING_SEPARATOR), text: c.text })));
  return index;
}

const queries = ['I was charged twice, can I get a refund?', 'reset password', 'how long does shipping to Canada take', 'cancel my subscription plan'];

describe('FieldedBm25', () => {
  it('scores and ranks as MiniSearch 7 did (BM25+ per field, times the matched query terms)', () => {
    const ours = ourIndex();
    const theirs = miniSearch();
    for (const query of queries) {
      const queryTerms = [...new Set(terms(query))];
      const expected = theirs.search(queryTerms.join(' ')).slice(0, 10);
      const got = ours.search(queryTerms, 10);
      expect(got.map((hit) => hit.key)).toEqual(expected.map((hit) => hit.id));
      got.forEach((hit, i) => expect(hit.score).toBeCloseTo(expected[i]!.score, 9));
    }
  });

  it('after removals and re-adds (slots reused) scores as an index built from the remaining chunks', () => {
    const index = ourIndex();
    const removed = chunks.filter((_, i) => i % 3 === 0);
    for (const chunk of removed) expect(index.remove(chunk.id)).toBe(true);
    expect(index.remove(removed[0]!.id)).toBe(false);
    const readded = removed.slice(0, 2);
    for (const chunk of readded) index.add(chunk.id, fields(chunk));
    const remaining = chunks.filter((chunk) => !removed.includes(chunk) || readded.includes(chunk));
    const fresh = ourIndex(remaining);
    expect(index.size).toBe(remaining.length);
    for (const query of queries) {
      const queryTerms = [...new Set(terms(query))];
      const got = index.search(queryTerms, 50);
      const expected = fresh.search(queryTerms, 50);
      expect(new Set(got.map((hit) => hit.key))).toEqual(new Set(expected.map((hit) => hit.key)));
      const scoreOf = new Map(expected.map((hit) => [hit.key, hit.score]));
      for (const hit of got) expect(hit.score).toBeCloseTo(scoreOf.get(hit.key)!, 9);
    }
    for (const term of ['refund', 'password']) expect(index.documentFrequency(term)).toBe(fresh.documentFrequency(term));
  });

  it('lets only picking terms find chunks; the others add to what was found', () => {
    const index = new FieldedBm25([1]);
    index.add('a', [['zebra', 'order']]);
    index.add('b', [['order', 'ship']]);
    index.add('c', [['zebra']]);
    const hits = index.search(['zebra', 'order'], 5, { picksCandidates: [true, false] });
    expect(hits.map((hit) => hit.key)).toEqual(['a', 'c']);
    expect(hits[0]!.score).toBeCloseTo(index.search(['zebra', 'order'], 5).find((hit) => hit.key === 'a')!.score, 12);
    expect(index.search(['order'], 5).map((hit) => hit.key).sort()).toEqual(['a', 'b']);
  });

  it('returns at most k hits, equal scores in the order the chunks were added', () => {
    const index = new FieldedBm25([1]);
    for (const key of ['x', 'y', 'z']) index.add(key, [['same', 'words']]);
    expect(index.search(['same'], 2).map((hit) => hit.key)).toEqual(['x', 'y']);
    expect(index.search(['unknown'], 2)).toEqual([]);
    expect(index.search(['same'], 0)).toEqual([]);
  });
});
