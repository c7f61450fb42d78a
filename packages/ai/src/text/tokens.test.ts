import { describe, expect, it } from 'vitest';
import { stem, tokenize } from './tokens';

describe('tokenize', () => {
  it('lowercases, expands contractions with and without the apostrophe, and numbers clauses', () => {
    expect(tokenize("I can't log in. It WON'T load, dont know why!").map((t) => [t.word, t.clause])).toEqual([
      ['i', 0], ['can', 0], ['not', 0], ['log', 0], ['in', 0],
      ['it', 1], ['will', 1], ['not', 1], ['load', 1], ['do', 1], ['not', 1], ['know', 1], ['why', 1],
    ]);
  });

  it('keeps the word as written for shouting detection, drops accents and suffixes like \'m', () => {
    expect(tokenize("I'm SO done, café")).toEqual([
      { raw: "I'm", word: 'i', clause: 0 },
      { raw: 'SO', word: 'so', clause: 0 },
      { raw: 'done', word: 'done', clause: 0 },
      { raw: 'cafe', word: 'cafe', clause: 0 },
    ]);
  });
});

describe('stem', () => {
  it.each([
    [['refund', 'refunds', 'refunded', 'refunding'], 'refund'],
    [['charge', 'charged', 'charges', 'charging'], 'charg'],
    [['cancel', 'cancelled', 'canceled', 'cancels'], 'cancel'],
    [['bill', 'bills', 'billed', 'billing'], 'bil'],
    [['crash', 'crashes', 'crashing', 'crashed'], 'crash'],
    [['delivery', 'deliveries'], 'delivery'],
  ])('%j all become %s', (words, expected) => {
    for (const word of words) expect(stem(word), word).toBe(expected);
  });

  it('leaves short words, numbers and -ss/-us/-is endings alone', () => {
    expect(['app', 'log', 'access', 'status', 'analysis', '2024', 'bring'].map(stem)).toEqual([
      'app', 'log', 'access', 'status', 'analysis', '2024', 'bring',
    ]);
  });
});
