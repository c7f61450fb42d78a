import { describe, expect, it } from 'vitest';
import { LocalSentenceEmbedder } from '../encoder/sentence-encoder';
import { articleChunks } from '../knowledge/documents';
import type { Embedder } from '../knowledge/embeddings';
import { helpCenter } from '../knowledge/help-center.fixture';
import { ANSWERABLE_MIN_SCORE, isAnswerableHit, KnowledgeIndex, searchHybrid, semanticConfidence } from '../knowledge/knowledge-index';
import { checkIntents } from './intent-check';
import { SemanticIntentRecognizer } from './semantic-recognizer';
import { TrainedIntentRecognizer } from './trained-recognizer';
import type { IntentSpec } from './types';

// The real encoder that `./parley setup` builds (.tools/sentence-encoder), shared by the tests.
const encoder = new LocalSentenceEmbedder();

/** A telecom router: the customer's words below share no content word with the examples. */
const telecom: IntentSpec[] = [
  { name: 'no_service', examples: ['no connection', 'my internet is down', 'the network is not working', 'I have no signal', 'wifi keeps dropping'] },
  { name: 'billing', examples: ['my bill is too high', 'question about my invoice', 'I was charged twice', 'why did my payment go up', 'refund a charge'] },
  { name: 'moving', examples: ['I am moving house', 'transfer my contract to a new address', 'new flat next month', 'relocating to another city', 'change my installation address'] },
];

describe('SemanticIntentRecognizer', () => {
  it('recognizes paraphrases that share no word with the examples, which the n-gram model alone gets wrong', async () => {
    const recognizer = new SemanticIntentRecognizer(encoder);
    const ngram = new TrainedIntentRecognizer();
    for (const [text, intent] of [['my line is dead', 'no_service'], ['you took money from me two times', 'billing']] as const) {
      const semantic = await recognizer.recognize(text, telecom, { threshold: 0.3 });
      expect(semantic.intent).toBe(intent);
      expect(semantic.ranking.reduce((sum, { score }) => sum + score, 0)).toBeLessThanOrEqual(1.0001);
      expect(ngram.recognizeSync(text, telecom, { threshold: 0.3 }).intent).not.toBe(intent);
    }
  });

  it('falls back on a message unlike every intent, and on a message without words', async () => {
    const recognizer = new SemanticIntentRecognizer(encoder);
    const offTopic = await recognizer.recognize('what is the capital of Peru', telecom, { threshold: 0.5 });
    expect(offTopic.intent).toBe('fallback');
    expect(await recognizer.recognize('?!', telecom, { threshold: 0.3 })).toMatchObject({ intent: 'fallback', confidence: 0 });
  });

  it('gates a message less similar to its best intent than nearly every held-out example: fallback at any threshold, order kept', async () => {
    const recognizer = new SemanticIntentRecognizer(encoder);
    const model = await recognizer.model(telecom);
    // The cut comes from the examples' own held-out similarities, so it lies within their range.
    expect(model.minSimilarity).toBeGreaterThan(0);
    expect(model.minSimilarity).toBeLessThan(1);
    const [vector] = await encoder.embed(['can you recommend a good banana bread recipe']);
    const ranking = model.classify('can you recommend a good banana bread recipe', vector!);
    expect(ranking.every(({ score }) => score === 0)).toBe(true);
    expect(ranking.map(({ intent }) => intent).sort()).toEqual(['billing', 'moving', 'no_service']);
    const recognized = await recognizer.recognize('can you recommend a good banana bread recipe', telecom, { threshold: 0.01 });
    expect(recognized).toMatchObject({ intent: 'fallback', confidence: 0 });
    // An in-scope paraphrase passes the gate with a confident answer.
    expect(await recognizer.recognize('my line is dead', telecom, { threshold: 0.3 })).toMatchObject({ intent: 'no_service' });
  });

  it('trains once per set of intents, and answers with the n-gram model when the encoder fails', async () => {
    let calls = 0;
    let broken = false;
    const flaky: Embedder = { name: 'flaky', embed: async (texts) => (calls++, broken ? Promise.reject(new Error('down')) : encoder.embed(texts)) };
    const errors: unknown[] = [];
    const recognizer = new SemanticIntentRecognizer(flaky, { onDegraded: (err) => errors.push(err) });
    const first = await recognizer.model(telecom);
    expect(await recognizer.model(telecom)).toBe(first);
    expect(first.weight + first.vectorWeight).toBeGreaterThan(0);
    broken = true;
    const degraded = await recognizer.recognize('I was charged twice for my invoice', telecom, { threshold: 0.3 });
    expect(degraded.intent).toBe('billing');
    expect(errors).toHaveLength(1);
    expect(calls).toBe(2);
  });
});

describe('the publish check with the semantic model', () => {
  it('cross-validates the model the router runs, and warns about two intents that mean the same', async () => {
    const model = await new SemanticIntentRecognizer(encoder).model(telecom);
    expect(model.crossValidation!.predictions).toHaveLength(15);
    expect(model.crossValidation!.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(checkIntents(telecom, model.crossValidation)).toEqual([]);

    const muddled = [...telecom, { name: 'outage', examples: ['internet not working', 'no network connection', 'the signal is gone', 'wifi is down', 'connection dropped'] }];
    const cv = (await new SemanticIntentRecognizer(encoder).model(muddled)).crossValidation;
    const warnings = checkIntents(muddled, cv);
    expect(warnings.map((w) => w.intent).sort()).not.toContain('billing');
    expect(warnings.some((w) => /mistaken for "(no_service|outage)"/.test(w.message))).toBe(true);
  });
});

describe('answerability with the encoder', () => {
  it('maps the calibrated cosine onto the knowledge-answer default', () => {
    expect(semanticConfidence(encoder.answerableSimilarity, encoder.answerableSimilarity)).toBe(ANSWERABLE_MIN_SCORE);
    expect(semanticConfidence(0, 0.41)).toBe(0);
    expect(semanticConfidence(1, 0.41)).toBe(1);
    expect(semanticConfidence(0.3, 0.41)).toBeLessThan(ANSWERABLE_MIN_SCORE);
  });

  it('answers a question worded unlike its article and refuses one the help centre does not cover', async () => {
    const index = new KnowledgeIndex();
    for (const article of helpCenter) {
      const chunks = articleChunks(article);
      const vectors = await encoder.embed(chunks.map((chunk) => `${chunk.title}\n\n${chunk.text}`));
      index.upsert({ id: article.id, version: 'v1', chunks: chunks.map((chunk, i) => ({ ...chunk, embedding: vectors[i]! })) });
    }
    const login = await searchHybrid(index, 'I cannot get into my account, the login is not accepted', { embedder: encoder });
    expect(login.hits[0]!.chunk.documentId).toBe('password');
    expect(isAnswerableHit(login.hits)).toBe(true);
    const offTopic = await searchHybrid(index, 'do you sell gift vouchers for birthdays', { embedder: encoder });
    expect(isAnswerableHit(offTopic.hits)).toBe(false);
  });
});
