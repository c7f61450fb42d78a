import { describe, expect, it } from 'vitest';
import { articleChunks } from './documents';
import type { Embedder } from './embeddings';
import { cosineSimilarity, reciprocalRankFusion } from './fusion';
import { helpCenter } from './help-center.fixture';
import { ANSWERABLE_MIN_SCORE, isAnswerableHit, KnowledgeIndex, searchHybrid } from './knowledge-index';
import { terms } from './terms';

function helpCenterIndex(): KnowledgeIndex {
  const index = new KnowledgeIndex();
  for (const article of helpCenter) index.upsert({ id: article.id, version: 'v1', chunks: articleChunks(article) });
  return index;
}

/**
 * A real, local embedder for tests: hashed bag of stemmed words plus a synonym table, so "money
 * back" lands near "refund" without any shared word — the kind of hit only embeddings find.
 */
class HashedBagEmbedder implements Embedder {
  readonly name = 'hashed-bag';
  calls = 0;
  private readonly synonyms: Record<string, string> = { money: 'refund', back: 'refund', reimburs: 'refund' };
  async embed(texts: readonly string[]): Promise<number[][]> {
    this.calls++;
    return texts.map((text) => {
      const vector = new Array<number>(64).fill(0);
      for (const term of terms(text)) {
        const word = this.synonyms[term] ?? term;
        let hash = 0;
        for (const char of word) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
        vector[hash % 64]! += 1;
      }
      return vector;
    });
  }
}

describe('KnowledgeIndex', () => {
  it('ranks the chunk that answers, with its heading path, BM25 rank and a confidence', () => {
    const [best] = helpCenterIndex().search('I was charged twice, can I get a refund?');
    expect(best!.chunk).toMatchObject({ documentId: 'double-charge', headingPath: ['Getting a refund for a duplicate charge'], id: 'double-charge#1' });
    expect(best!.bm25).toMatchObject({ rank: 1 });
    expect(best!.semantic).toBeUndefined();
    expect(best!.score).toBeGreaterThanOrEqual(ANSWERABLE_MIN_SCORE);
  });

  it('scores a question the knowledge base does not cover below the threshold', () => {
    const hits = helpCenterIndex().search('do you sell gift vouchers for birthdays');
    expect(isAnswerableHit(hits)).toBe(false);
    expect(helpCenterIndex().search('the and of')).toEqual([]);
  });

  it('updates incrementally: same version is a no-op, a new version replaces, removal forgets', () => {
    const index = helpCenterIndex();
    const before = index.size;
    const article = helpCenter.find((a) => a.id === 'password')!;
    expect(index.upsert({ id: article.id, version: 'v1', chunks: articleChunks(article) })).toBe(false);

    const changed = { ...article, body: `${article.body}\n\n## Locked out\n\nAfter ten wrong passwords the account locks for an hour.` };
    expect(index.upsert({ id: article.id, version: 'v2', chunks: articleChunks(changed) })).toBe(true);
    expect(index.size).toEqual({ documents: before.documents, chunks: before.chunks + 1 });
    expect(index.versions().get('password')).toBe('v2');
    expect(index.search('account locked after wrong passwords')[0]!.chunk.headingPath).toEqual(['Locked out']);

    expect(index.remove('password')).toBe(true);
    expect(index.remove('password')).toBe(false);
    expect(index.search('reset password').some((hit) => hit.chunk.documentId === 'password')).toBe(false);
    expect(index.size.documents).toBe(before.documents - 1);
  });

  it('fuses semantic hits in, finding a chunk that shares no word with the query', async () => {
    const embedder = new HashedBagEmbedder();
    const index = new KnowledgeIndex();
    for (const article of helpCenter) {
      const chunks = articleChunks(article);
      const vectors = await embedder.embed(chunks.map((c) => `${c.title} ${c.headingPath.join(' ')} ${c.text}`));
      index.upsert({ id: article.id, version: 'v1', chunks: chunks.map((c, i) => ({ ...c, embedding: vectors[i]! })) });
    }
    const lexicalOnly = index.search('money back', { limit: 5 });
    const { hits, degraded } = await searchHybrid(index, 'money back', { limit: 5, embedder });
    expect(degraded).toBeUndefined();
    expect(hits.length).toBeGreaterThan(lexicalOnly.length);
    const semantic = hits.find((hit) => hit.semantic && !hit.bm25);
    expect(semantic?.chunk.text.toLowerCase()).toContain('refund');
  });

  it('ranks semantic hits by cosine similarity, as a sort of every chunk would', async () => {
    const embedder = new HashedBagEmbedder();
    const index = new KnowledgeIndex();
    const all: { id: string; embedding: number[] }[] = [];
    for (const article of helpCenter) {
      const chunks = articleChunks(article);
      const vectors = await embedder.embed(chunks.map((c) => `${c.title} ${c.text}`));
      chunks.forEach((c, i) => all.push({ id: c.id, embedding: vectors[i]! }));
      index.upsert({ id: article.id, version: 'v1', chunks: chunks.map((c, i) => ({ ...c, embedding: vectors[i]! })) });
    }
    const [queryVector] = await embedder.embed(['money back for a double charge']);
    const expected = all
      .map(({ id, embedding }) => ({ id, similarity: Math.round(cosineSimilarity(queryVector!, embedding) * 1000) / 1000 }))
      .sort((a, b) => b.similarity - a.similarity);
    const hits = index.search('money back for a double charge', { limit: all.length, queryVector: queryVector! });
    const semantic = hits.filter((hit) => hit.semantic).sort((a, b) => a.semantic!.rank - b.semantic!.rank);
    expect(semantic.map((hit) => hit.semantic!.similarity)).toEqual(expected.slice(0, semantic.length).map((e) => e.similarity));
    expect(semantic[0]!.chunk.id).toBe(expected[0]!.id);
  });

  it('lets the chunk nearest in meaning lead when the lexical rankings prefer another only slightly', () => {
    // Both chunks share "card" with the question; the lost-card chunk says it more often (BM25 and
    // coverage put it first), but the children's chunk is the one that answers: nearest by vector.
    const index = new KnowledgeIndex();
    const chunk = (documentId: string, title: string, text: string, embedding: number[]) => ({ id: `${documentId}#0`, documentId, title, headingPath: [], text, ordinal: 0, embedding });
    index.upsert({ id: 'lost-card', version: 'v1', chunks: [chunk('lost-card', 'Lost card', 'Block your card in the app when your card is lost.', [1, 0])] });
    index.upsert({ id: 'children', version: 'v1', chunks: [chunk('children', 'Accounts for children', 'Children under 16 can have a debit card on a child account.', [0.6, 0.8])] });
    const queryVector = [0, 1];
    const lexical = index.search('a card for my son', { limit: 2 });
    expect(lexical.map((hit) => hit.chunk.documentId)).toEqual(['lost-card', 'children']);
    expect(index.search('a card for my son', { limit: 2, queryVector })[0]!.chunk.documentId).toBe('children');
    // With the embedding ranking counted like one lexical ranking, the two lexical votes win.
    expect(index.search('a card for my son', { limit: 2, queryVector, semanticWeight: 1 })[0]!.chunk.documentId).toBe('lost-card');
  });

  it('degrades to BM25 alone when the embedder fails', async () => {
    const failing: Embedder = { name: 'broken', embed: async () => Promise.reject(new Error('HTTP 503')) };
    const { hits, degraded } = await searchHybrid(helpCenterIndex(), 'reset password', { embedder: failing });
    expect(degraded).toBe('broken failed: HTTP 503');
    expect(hits[0]!.chunk.documentId).toBe('password');
  });
});

describe('KnowledgeIndex over a large base', () => {
  it('lets rare query terms pick candidates and common ones only score them', () => {
    const index = new KnowledgeIndex();
    const chunk = (id: string, text: string) => ({ id: `${id}#0`, documentId: id, title: `Doc ${id}`, ordinal: 0, headingPath: [], text });
    for (let i = 0; i < 1200; i++) index.upsert({ id: `filler-${i}`, version: '1', chunks: [chunk(`filler-${i}`, `Your order number ${i} ships from warehouse ${i % 7}.`)] });
    index.upsert({ id: 'zebra-plain', version: '1', chunks: [chunk('zebra-plain', 'Zebra print wrapping paper is available.')] });
    index.upsert({ id: 'zebra-order', version: '1', chunks: [chunk('zebra-order', 'Add zebra print wrapping to an order at checkout; the order then ships in two days.')] });
    const hits = index.search('zebra wrapping for my order', { limit: 5 });
    // Both zebra chunks, the one that also says "order" first; no chunk that only shares "order".
    expect(hits.map((hit) => hit.chunk.documentId)).toEqual(['zebra-order', 'zebra-plain']);
    // A query of common terms only still searches everything.
    expect(index.search('order ships', { limit: 3 })).toHaveLength(3);
    // A word no chunk uses (a typo, another product) is not a rarer term that picks nothing:
    // the common words still find chunks, and the unknown word keeps their confidence low.
    const typo = index.search('my zebar order ships', { limit: 3 });
    expect(typo).toHaveLength(3);
    expect(isAnswerableHit(typo)).toBe(false);
  });
});

describe('reciprocalRankFusion', () => {
  it('sums 1/(k+rank) over the lists', () => {
    const fused = reciprocalRankFusion([['a', 'b'], ['b', 'c']], 60);
    expect(fused.get('b')).toBeCloseTo(1 / 62 + 1 / 61);
    expect(fused.get('a')).toBeCloseTo(1 / 61);
    expect([...fused].sort((x, y) => y[1] - x[1])[0]![0]).toBe('b');
  });
});
