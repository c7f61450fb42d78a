import { describe, expect, it } from 'vitest';
import { checkIntents } from './intent-check';
import { crossValidateIntents, trainIntentModel } from './intent-model';
import { LruCache } from './lru';
import { supportIntents } from './support-intents.fixture';
import { TrainedIntentRecognizer } from './trained-recognizer';
import { FALLBACK_INTENT } from './types';

const recognizer = new TrainedIntentRecognizer();
const recognize = (text: string, threshold = 0.3) => recognizer.recognizeSync(text, supportIntents, { threshold });

describe('TrainedIntentRecognizer on a support set', () => {
  it.each([
    ['I was charged twice!', 'billing'],
    ['you charged my card twice and I want my money back', 'billing'],
    ['The app crashes every time I open it', 'technical'],
    ['I forgot my password again', 'account'],
    ["I can't sign in to my account", 'account'],
    ['Where is my package?', 'shipping'],
    ["My order hasn't arrived", 'shipping'],
    ['Let me talk to a human', 'human'],
    // Typos: the character n-grams still match most of the word.
    ['i forgot my pasword', 'account'],
    ['the app keeps crashng', 'technical'],
    ['where is my parcle', 'shipping'],
  ])('"%s" → %s', (text, intent) => {
    const result = recognize(text);
    expect(result.intent).toBe(intent);
    expect(result.confidence).toBeGreaterThanOrEqual(0.3);
    expect(result.ranking[0]!.intent).toBe(intent);
  });

  it('falls back on text with no words', () => {
    for (const text of ['', '   ', '!!!']) {
      const result = recognize(text);
      expect(result).toEqual({ intent: FALLBACK_INTENT, confidence: 0, ranking: supportIntents.map(({ name }) => ({ intent: name, score: 0 })) });
    }
  });

  it('is less sure of a message unlike every intent than of an example, and falls back under a high threshold', () => {
    const offTopic = recognize('What is the weather in Paris?', 0.6);
    expect(offTopic.intent).toBe(FALLBACK_INTENT);
    expect(offTopic.confidence).toBeLessThan(recognize('I forgot my password').confidence);
    expect(recognize('I forgot my password').confidence).toBeGreaterThan(0.6);
  });

  it('ranks every intent, best first, with probabilities that leave the rest to "none of these"', () => {
    const { ranking } = recognize('my card was charged but the app shows an error');
    expect(ranking.map((r) => r.intent).sort()).toEqual(supportIntents.map((i) => i.name).sort());
    for (const [i, entry] of ranking.entries()) if (i > 0) expect(entry.score).toBeLessThanOrEqual(ranking[i - 1]!.score);
    const total = ranking.reduce((sum, r) => sum + r.score, 0);
    expect(total).toBeGreaterThan(0.5);
    expect(total).toBeLessThan(1);
    expect(ranking.slice(0, 2).map((r) => r.intent).sort()).toEqual(['billing', 'technical']);
  });

  it('reports the best guess as confidence even when it falls back below the threshold', () => {
    const result = recognize('where is my order now', 1);
    expect(result.intent).toBe(FALLBACK_INTENT);
    expect(result.ranking[0]!.intent).toBe('shipping');
    expect(result.confidence).toBe(result.ranking[0]!.score);
  });

  it('keeps greetings and thanks: they are what some intents are made of', () => {
    const intents = [
      { name: 'greeting', examples: ['hello', 'hi there', 'good morning', 'hey'] },
      { name: 'thanks', examples: ['thanks', 'thank you so much', 'cheers', 'many thanks'] },
      { name: 'billing', examples: ['I was charged twice', 'refund my payment', 'wrong invoice'] },
    ];
    expect(recognizer.recognizeSync('hello!', intents, { threshold: 0.3 }).intent).toBe('greeting');
    expect(recognizer.recognizeSync('thanks a lot', intents, { threshold: 0.3 }).intent).toBe('thanks');
  });

  it('is not confused by case, accents and typographic apostrophes', () => {
    const plain = recognize("the app doesn't work");
    expect(recognize('THE APP DOESN\u2019T WORK')).toEqual(plain);
    expect(recognize('Refünd please').intent).toBe('billing');
  });

  it('trains deterministically: two trainings give the same probabilities', () => {
    const a = trainIntentModel(supportIntents);
    const b = trainIntentModel(supportIntents);
    expect(a.temperature).toBe(b.temperature);
    for (const text of ['refund please', 'app error', 'hello']) expect(a.classify(text)).toEqual(b.classify(text));
  });

  it('gives one intent a similarity, not a certainty: a softmax over one class would always say 1', async () => {
    const intents = [{ name: 'cancel', examples: ['cancel my subscription', 'I want to cancel'] }];
    expect((await recognizer.recognize('cancel my subscription please', intents, { threshold: 0.5 })).intent).toBe('cancel');
    const unrelated = await recognizer.recognize('the weather is nice', intents, { threshold: 0.5 });
    expect(unrelated.intent).toBe(FALLBACK_INTENT);
    expect(unrelated.confidence).toBeLessThan(0.5);
  });

  it('handles no intents and intents whose examples are blank', async () => {
    expect(await recognizer.recognize('cancel', [], { threshold: 0 })).toEqual({ intent: FALLBACK_INTENT, confidence: 0, ranking: [] });
    const result = await recognizer.recognize('cancel my subscription', [
      { name: 'cancel', examples: ['cancel my subscription', 'I want to cancel'] },
      { name: 'empty', examples: ['', '  '] },
    ], { threshold: 0.5 });
    expect(result.intent).toBe('cancel');
    expect(result.ranking[1]).toEqual({ intent: 'empty', score: expect.any(Number) });
    expect(result.ranking[1]!.score).toBeLessThan(0.2);
  });

  it('gives the same answer from the cache as from a fresh model, and trains again after eviction', () => {
    const fresh = new TrainedIntentRecognizer({ cacheSize: 1 });
    const first = fresh.recognizeSync('refund please', supportIntents, { threshold: 0.3 });
    const model = fresh.model(supportIntents);
    expect(fresh.model(supportIntents)).toBe(model);
    fresh.recognizeSync('other intents evict the cached model', [{ name: 'x', examples: ['x'] }], { threshold: 0.3 });
    expect(fresh.model(supportIntents)).not.toBe(model);
    expect(fresh.recognizeSync('refund please', supportIntents, { threshold: 0.3 })).toEqual(first);
  });
});

describe('cross-validation and the publish check', () => {
  it('classifies most held-out examples of a clean set right', () => {
    const cv = crossValidateIntents(supportIntents);
    expect(cv.byIntent.map((i) => i.intent)).toEqual(supportIntents.map((i) => i.name));
    expect(cv.predictions).toHaveLength(supportIntents.reduce((n, i) => n + i.examples.length, 0));
    expect(cv.accuracy).toBeGreaterThan(0.5);
  });

  it('warns about intents with too few examples and intents the model confuses', () => {
    const warnings = checkIntents([
      ...supportIntents,
      { name: 'refunds', examples: ['I want a refund', 'refund my order'] },
      // Word for word the billing examples (in another order, so that each held-out one is
      // still among billing's training examples): the model cannot tell the two apart.
      { name: 'invoices', examples: [...supportIntents[0]!.examples.slice(1), supportIntents[0]!.examples[0]!] },
    ]);
    expect(warnings.find((w) => w.intent === 'refunds')?.message).toMatch(/only 2 examples/);
    expect(warnings.find((w) => w.intent === 'invoices')?.message).toMatch(/mistaken for "billing"/);
    expect(checkIntents(supportIntents).filter((w) => /has only/.test(w.message))).toEqual([]);
  });
});

describe('LruCache', () => {
  it('drops the least recently used entry first', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now newer than b
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([1, undefined, 3]);
    expect(() => new LruCache(0)).toThrow(RangeError);
  });
});
