import { describe, expect, it } from 'vitest';
import { qualityScore, type QualitySignals } from './score';
import { repeatedQuestions } from './repeats';

const quiet: QualitySignals = {
  outcome: 'open',
  csat: null,
  sentiment: null,
  intentConfidences: [],
  fallbacks: 0,
  knowledgeUnanswered: 0,
  repeatedQuestions: 0,
  handoffs: 0,
  slaWarnings: 0,
  slaBreaches: 0,
};

describe('qualityScore', () => {
  it('gives a conversation without signals the neutral base and no reasons', () => {
    expect(qualityScore(quiet)).toEqual({ score: 60, grade: 'fair', factors: [] });
  });

  it('scores a resolved, well-rated, confident conversation as good', () => {
    const result = qualityScore({ ...quiet, outcome: 'resolved', csat: { score: 5, scale: 5 }, intentConfidences: [0.9, 0.95], sentiment: { first: 0, last: 0.5 } });
    expect(result.grade).toBe('good');
    expect(result.score).toBe(100);
    expect(result.factors.map((factor) => factor.name)).toEqual(['csat', 'resolution', 'sentiment', 'confidence']);
  });

  it('lists what went wrong, largest effect first, and never goes below 0', () => {
    const result = qualityScore({
      ...quiet,
      outcome: 'closed',
      csat: { score: 1, scale: 5 },
      sentiment: { first: 0, last: -0.8 },
      fallbacks: 5,
      knowledgeUnanswered: 2,
      repeatedQuestions: 4,
      handoffs: 3,
      slaWarnings: 1,
      slaBreaches: 3,
    });
    expect(result.score).toBe(0);
    expect(result.grade).toBe('poor');
    expect(result.factors[0]).toEqual({ name: 'slaBreaches', impact: -24, detail: '3 SLA breaches' });
    expect(result.factors.find((factor) => factor.name === 'transfers')?.detail).toBe('2 transfers after the first handoff');
    expect(result.factors.find((factor) => factor.name === 'fallbacks')?.impact).toBe(-12);
  });

  it('treats one handoff as the flow working, and a middling CSAT as neutral', () => {
    const result = qualityScore({ ...quiet, handoffs: 1, csat: { score: 3, scale: 5 } });
    expect(result).toEqual({ score: 60, grade: 'fair', factors: [] });
  });
});

describe('repeatedQuestions', () => {
  it('counts a question asked again in other words, not acknowledgements', () => {
    expect(
      repeatedQuestions([
        'My card was charged twice for the same order',
        'ok',
        'I was charged twice on my card for one order!',
        'yes thanks',
        'Where is the nearest branch?',
      ]),
    ).toBe(1);
  });

  it('counts nothing for different questions', () => {
    expect(repeatedQuestions(['How do I reset my password?', 'Can I change the delivery address?', 'What are your opening hours?'])).toBe(0);
  });
});
