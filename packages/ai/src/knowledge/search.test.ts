import { describe, expect, it } from 'vitest';
import { helpCenter } from './help-center.fixture';
import { splitPassages } from './passages';
import { DEFAULT_MIN_SCORE, isAnswerable, rankPassages, scorePassages, termOverlapSearch } from './search';
import { stem, terms } from './terms';

const passages = helpCenter.flatMap(splitPassages);

describe('splitPassages', () => {
  it('makes one passage per paragraph, keeping the heading above it as context', () => {
    const split = splitPassages(helpCenter[0]!);
    expect(split.map((p) => [p.heading, p.text.slice(0, 20)])).toEqual([
      [undefined, 'A double charge usua'],
      ['Getting a refund for a duplicate charge', 'If both charges are '],
    ]);
    expect(split[1]).toMatchObject({ articleId: 'double-charge', title: 'I was charged twice', url: 'https://help.example.com/double-charge' });
  });

  it('keeps a list together, leaves out the url when there is none, and reads CRLF', () => {
    const split = splitPassages({ ...helpCenter[3]!, body: helpCenter[3]!.body.replace(/\n/g, '\r\n') });
    expect(split).toHaveLength(2);
    expect(split[1]!.heading).toBe('How to return');
    expect(split[1]!.text.split('\n')).toHaveLength(2);
    expect(split[1]).not.toHaveProperty('url');
  });

  it('gives nothing for an empty or heading-only body', () => {
    expect(splitPassages({ id: 'x', title: 'Empty', body: '' })).toEqual([]);
    expect(splitPassages({ id: 'x', title: 'Only', body: '# One\n\n## Two\n' })).toEqual([]);
  });
});

describe('terms', () => {
  it('drops stop words and meets inflections halfway', () => {
    expect(terms('How do I reset my password?')).toEqual(['reset', 'password']);
    expect(['charged', 'charges', 'charge'].map(stem)).toEqual(['charg', 'charg', 'charg']);
    expect(['shipping', 'ships', 'cancelled', 'deliveries', 'pass', 'bus'].map(stem)).toEqual(['ship', 'ship', 'cancel', 'delivery', 'pass', 'bus']);
    expect(terms('Café résumé')).toEqual(['caf', 'resum']);
  });
});

describe('rankPassages', () => {
  it('finds the paragraph that answers the question, with its article', () => {
    const [best] = rankPassages('I was charged twice, can I get a refund?', passages);
    expect(best).toMatchObject({ articleId: 'double-charge', heading: 'Getting a refund for a duplicate charge' });
    expect(best!.score).toBeGreaterThan(DEFAULT_MIN_SCORE);
  });

  it('scores a question fully covered by paragraph and title as 1', () => {
    const [best] = rankPassages('reset password', passages);
    expect(best).toMatchObject({ articleId: 'password', score: 1 });
  });

  it('prefers a paragraph that says the words over one that only sits under them', () => {
    const ranked = rankPassages('how long does delivery take', passages, 10);
    expect(ranked[0]).toMatchObject({ articleId: 'shipping', heading: 'Delivery times' });
  });

  it('scores in 0..1, best first, within the limit, leaving out passages with no shared term', () => {
    const ranked = rankPassages('refund for a double charge on my card', passages, 2);
    expect(ranked).toHaveLength(2);
    expect(ranked[0]!.score).toBeGreaterThanOrEqual(ranked[1]!.score);
    for (const scored of scorePassages('refund for a double charge on my card', passages)) {
      expect(scored.score).toBeGreaterThanOrEqual(0);
      expect(scored.score).toBeLessThanOrEqual(1);
    }
    expect(rankPassages('password', passages, 10).every((p) => p.articleId === 'password')).toBe(true);
  });

  it('gives a rare word more weight than a common one', () => {
    // "business" is in four paragraphs, "spam" in one: the spam paragraph wins.
    const [best] = rankPassages('business spam', passages);
    expect(best).toMatchObject({ articleId: 'password', heading: 'The email does not arrive' });
  });

  it('is not answerable for questions the knowledge base does not cover, or no words at all', () => {
    expect(isAnswerable(rankPassages('Do you sell gift cards?', passages))).toBe(false);
    expect(isAnswerable(rankPassages('what is the weather in Paris', passages))).toBe(false);
    expect(rankPassages('hi, how are you?', passages)).toEqual([]);
    expect(isAnswerable([])).toBe(false);
    expect(isAnswerable(rankPassages('return an item', passages))).toBe(true);
    expect(isAnswerable(rankPassages('return an item', passages), 1.01)).toBe(false);
  });
});

describe('termOverlapSearch', () => {
  it('splits and ranks articles behind the KnowledgeSearch interface', async () => {
    const ranked = await termOverlapSearch.search({ query: 'reset link', articles: helpCenter, limit: 1 });
    expect(ranked).toEqual([expect.objectContaining({ articleId: 'password', url: 'https://help.example.com/password' })]);
  });
});
