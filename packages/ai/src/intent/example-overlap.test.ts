import { describe, expect, it } from 'vitest';
import { ExampleOverlapRecognizer, features } from './example-overlap';
import { supportIntents } from './support-intents.fixture';
import { FALLBACK_INTENT } from './types';

const recognizer = new ExampleOverlapRecognizer();
const recognize = (text: string, threshold = 0.3) => recognizer.recognize(text, supportIntents, { threshold });

describe('ExampleOverlapRecognizer on a support set', () => {
  it.each([
    ['I was charged twice!', 'billing'],
    ['I need a refund for my last invoice', 'billing'],
    ['you charged my card twice and I want my money back', 'billing'],
    ['The app crashes every time I open it', 'technical'],
    ['error when logging in', 'technical'],
    ['I forgot my password again', 'account'],
    ['Reset password', 'account'],
    ["I can't sign in to my account", 'account'],
    ['Where is my package?', 'shipping'],
    ["My order hasn't arrived", 'shipping'],
    ['Let me talk to a human', 'human'],
  ])('"%s" → %s', async (text, intent) => {
    const result = await recognize(text);
    expect(result.intent).toBe(intent);
    expect(result.confidence).toBeGreaterThanOrEqual(0.3);
    expect(result.ranking[0]!.intent).toBe(intent);
  });

  it.each(['What is the weather in Paris?', 'hello', '', '   ', '!!!', 'do you sell gift cards'])(
    'falls back for "%s", which is none of the intents',
    async (text) => {
      const result = await recognize(text);
      expect(result.intent).toBe(FALLBACK_INTENT);
      expect(result.confidence).toBeLessThan(0.3);
    },
  );

  it('ranks every intent, best first, with scores in 0..1', async () => {
    const { ranking } = await recognize('my card was charged but the app shows an error');
    expect(ranking.map((r) => r.intent).sort()).toEqual(supportIntents.map((i) => i.name).sort());
    for (const [i, entry] of ranking.entries()) {
      expect(entry.score).toBeGreaterThanOrEqual(0);
      expect(entry.score).toBeLessThanOrEqual(1);
      if (i > 0) expect(entry.score).toBeLessThanOrEqual(ranking[i - 1]!.score);
    }
    // Both billing and technical words: both intents score, the others do not.
    expect(ranking.slice(0, 2).map((r) => r.intent).sort()).toEqual(['billing', 'technical']);
    expect(ranking[2]!.score).toBe(0);
  });

  it('gives an example itself a confidence of nearly 1', async () => {
    const result = await recognize('I forgot my password');
    expect(result.intent).toBe('account');
    expect(result.confidence).toBeGreaterThan(0.75);
  });

  it('reports the best guess as confidence even when it falls back below the threshold', async () => {
    const result = await recognize('where is my order', 0.99);
    expect(result.intent).toBe(FALLBACK_INTENT);
    expect(result.ranking[0]!.intent).toBe('shipping');
    expect(result.confidence).toBe(result.ranking[0]!.score);
    expect(result.confidence).toBeGreaterThan(0.3);
  });

  it('tells "not working" from "working" (negations are not stop words)', () => {
    expect(features("it's not working")).toEqual(['not', 'work', 'not work']);
  });

  it('needs word overlap: a paraphrase with no shared word is not recognised (a known limit)', async () => {
    expect((await recognize('my parcel was delivered late')).intent).toBe('shipping'); // shares "parcel delivered"
    expect((await recognize('the courier is late')).intent).toBe(FALLBACK_INTENT);
  });

  it('is not confused by case, accents and typographic apostrophes', async () => {
    const plain = await recognize("the app doesn't work");
    expect(await recognize('THE APP DOESN\u2019T WORK')).toEqual(plain);
    expect((await recognize('Refünd please')).intent).toBe('billing');
  });

  it('handles a single intent and intents whose examples are blank', async () => {
    const result = await recognizer.recognize('cancel my subscription', [
      { name: 'cancel', examples: ['cancel my subscription', 'I want to cancel'] },
      { name: 'empty', examples: ['', '  '] },
    ], { threshold: 0.5 });
    expect(result.intent).toBe('cancel');
    expect(result.ranking).toEqual([
      { intent: 'cancel', score: expect.any(Number) },
      { intent: 'empty', score: 0 },
    ]);
    expect(await recognizer.recognize('cancel', [], { threshold: 0 })).toEqual({ intent: FALLBACK_INTENT, confidence: 0, ranking: [] });
  });

  it('weighs words shared by every intent less than distinctive ones', async () => {
    const intents = [
      { name: 'order_status', examples: ['order status', 'status of my order'] },
      { name: 'order_cancel', examples: ['cancel order', 'cancel my order'] },
    ];
    const result = await recognizer.recognize('please cancel the order', intents, { threshold: 0.3 });
    expect(result.intent).toBe('order_cancel');
    expect(result.ranking[1]!.score).toBeLessThan(result.ranking[0]!.score / 2);
  });

  it('gives the same answer from the cache as from a fresh model', async () => {
    const fresh = new ExampleOverlapRecognizer({ cacheSize: 1 });
    const first = await fresh.recognize('refund please', supportIntents, { threshold: 0.3 });
    await fresh.recognize('other intents evict the cached model', [{ name: 'x', examples: ['x'] }], { threshold: 0.3 });
    expect(await fresh.recognize('refund please', supportIntents, { threshold: 0.3 })).toEqual(first);
    expect(await recognize('refund please')).toEqual(first);
  });
});
