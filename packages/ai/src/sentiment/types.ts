/** Sentiment: how the customer feels, as a score the flow can branch on. */

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  /** From -1 (very negative) through 0 (neutral or no signal) to 1 (very positive). */
  score: number;
  label: SentimentLabel;
  /** What moved the score, for agents and for tuning (an implementation may leave it empty). */
  evidence: { text: string; weight: number }[];
}

export interface SentimentAnalyzer {
  analyze(text: string): Promise<SentimentResult>;
}

/** Scores at or beyond ±0.2 are labelled negative / positive. */
export const SENTIMENT_LABEL_CUTOFF = 0.2;

export function sentimentLabel(score: number): SentimentLabel {
  if (score <= -SENTIMENT_LABEL_CUTOFF) return 'negative';
  if (score >= SENTIMENT_LABEL_CUTOFF) return 'positive';
  return 'neutral';
}
