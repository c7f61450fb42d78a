import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cosineSimilarity } from '../knowledge/fusion';
import { localIntentRecognizer } from '../intent/local-recognizer';
import type { SemanticIntentRecognizer } from '../intent/semantic-recognizer';
import { DEFAULT_ENCODER_MODEL, INTENT_ENCODER_MODEL, SENTENCE_ENCODER_MODELS } from './encoder-models';
import { defaultSentenceEncoderDir, LocalSentenceEmbedder, localIntentEmbedder, localSentenceEmbedder } from './sentence-encoder';
import { WordPieceTokenizer } from './wordpiece';

// The model and vocabulary that `./parley setup` builds into .tools/sentence-encoder.
const tokenizer = WordPieceTokenizer.fromVocabText(readFileSync(join(defaultSentenceEncoderDir, 'vocab.txt'), 'utf8'));

/** Ids from the reference tokenizer (HF `tokenizers`, the model's tokenizer.json): accents, punctuation, symbols, CJK, long words. */
const reference: [string, number[]][] = [
  ["How do I reset my password?", [101, 2129, 2079, 1045, 25141, 2026, 20786, 1029, 102]],
  ["My card was declined at the café — what now?!", [101, 2026, 4003, 2001, 6430, 2012, 1996, 7668, 1517, 2054, 2085, 1029, 999, 102]],
  ["Über-fast   transfers: $500 to acct #12345", [101, 19169, 1011, 3435, 15210, 1024, 1002, 3156, 2000, 16222, 2102, 1001, 13138, 19961, 102]],
  ["unbelievably antidisestablishmentarianism e-mail", [101, 4895, 8671, 2666, 3567, 6321, 3424, 10521, 4355, 7875, 13602, 3672, 12199, 2964, 1041, 1011, 5653, 102]],
  ["東京 flights", [101, 1879, 1755, 7599, 102]],
  ["€20 fee, 3.5% interest", [101, 1574, 11387, 7408, 1010, 1017, 1012, 1019, 1003, 3037, 102]],
];

describe('WordPieceTokenizer', () => {
  it.each(reference)('encodes %j as the reference tokenizer does', (text, ids) => {
    expect(tokenizer.encode(text, 256).ids).toEqual(ids);
  });

  it('cuts long texts to the limit, keeping [CLS] and [SEP]', () => {
    const ids = tokenizer.encode('word '.repeat(500), 16).ids;
    expect(ids).toHaveLength(16);
    expect([ids[0], ids.at(-1)]).toEqual([101, 102]);
  });
});

describe('LocalSentenceEmbedder', () => {
  const embedder = new LocalSentenceEmbedder();

  it('puts paraphrases close and unrelated sentences far, with unit-length vectors', async () => {
    const [password, login, weather] = await embedder.embed(['How do I reset my password?', 'I forgot my login credentials', 'The weather is lovely today']);
    expect(password).toHaveLength(384);
    expect(Math.hypot(...password!)).toBeCloseTo(1, 4);
    expect(cosineSimilarity(password!, login!)).toBeGreaterThan(0.55);
    expect(cosineSimilarity(password!, weather!)).toBeLessThan(0.15);
  });

  it('gives a text the same vector alone, in a padded batch and from the cache', async () => {
    const fresh = new LocalSentenceEmbedder({ cacheSize: 1 });
    const [alone] = await fresh.embed(['my line is dead']);
    const batch = await fresh.embed(['a much longer sentence about a phone line that stopped working yesterday', 'my line is dead', 'hi']);
    const [cached] = await fresh.embed(['my line is dead']);
    for (let i = 0; i < 384; i++) expect(batch[1]![i]).toBeCloseTo(alone![i]!, 4);
    expect(cached).toEqual(batch[1]);
  });
});

describe('the process encoders (localSentenceEmbedder, localIntentEmbedder)', () => {
  it('share one instance per model, and the routers classify with the intent encoder', () => {
    const search = localSentenceEmbedder()!;
    const intents = localIntentEmbedder()!;
    expect(localSentenceEmbedder()).toBe(search);
    expect(localIntentEmbedder()).toBe(intents);
    expect(search.model.name).toBe(DEFAULT_ENCODER_MODEL);
    const intentInstalled = LocalSentenceEmbedder.available(SENTENCE_ENCODER_MODELS[INTENT_ENCODER_MODEL].dir);
    expect(intents.model.name).toBe(intentInstalled ? INTENT_ENCODER_MODEL : DEFAULT_ENCODER_MODEL);
    // Same model, same instance: a message the router and the knowledge search both see is encoded once.
    if (intents.model.name === search.model.name) expect(intents).toBe(search);
    expect((localIntentRecognizer() as SemanticIntentRecognizer).name).toBe(`ngram+${intents.name}`);
  });
});

// The opt-in bge-small-en-v1.5 (encoder-models.ts), when setup could fetch it (it needs `mvn`).
describe.skipIf(!LocalSentenceEmbedder.available(SENTENCE_ENCODER_MODELS['bge-small-en-v1.5'].dir))('LocalSentenceEmbedder with bge-small-en-v1.5', () => {
  // Built in the tests, not here: a skipped describe's body still runs to collect them.
  let bge: LocalSentenceEmbedder;
  beforeAll(() => {
    bge = new LocalSentenceEmbedder({ model: 'bge-small-en-v1.5', cacheSize: 1 });
  });

  it('pools the [CLS] token into a unit-length vector that puts paraphrases closer than unrelated sentences', async () => {
    const [password, login, weather] = await bge.embed(['How do I reset my password?', 'I forgot my login credentials', 'The weather is lovely today']);
    expect(bge.name).toBe('local:bge-small-en-v1.5-int8');
    expect(bge.answerableSimilarity).toBe(SENTENCE_ENCODER_MODELS['bge-small-en-v1.5'].answerableSimilarity);
    expect(password).toHaveLength(384);
    expect(Math.hypot(...password!)).toBeCloseTo(1, 4);
    // BGE's cosines sit higher than MiniLM's (unrelated English sentences ~0.4): compare, not threshold.
    expect(cosineSimilarity(password!, login!) - cosineSimilarity(password!, weather!)).toBeGreaterThan(0.15);
  });

  it('gives a text the same vector alone and in a padded batch (segment ids and mask line up)', async () => {
    const [alone] = await bge.embed(['my line is dead']);
    const batch = await bge.embed(['a much longer sentence about a phone line that stopped working yesterday', 'my line is dead', 'hi']);
    for (let i = 0; i < 384; i++) expect(batch[1]![i]).toBeCloseTo(alone![i]!, 2);
  });
});
