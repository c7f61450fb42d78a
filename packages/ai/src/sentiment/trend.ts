/**
 * How a customer's mood moves over a conversation: an exponentially weighted moving average of
 * the per-message scores (recent messages count most), and its direction.
 *
 * Why an EWMA: single messages are noisy ("ok" after an angry message is not a recovery), a
 * plain average forgets nothing (an hour-old outburst would dominate), and the last score alone
 * is the noise itself. With weight 0.5 the latest message counts half, the one before a quarter,
 * and so on.
 */
export type SentimentDirection = 'improving' | 'steady' | 'worsening';

export interface SentimentTrend {
  /** The moving average after the latest message, -1..1 (0 without messages). */
  current: number;
  direction: SentimentDirection;
  /** The moving average after each message, oldest first (for a sparkline). */
  points: number[];
}

export interface TrendOptions {
  /** Weight of the newest message in the average (0..1]. */
  weight?: number;
  /** How many messages back the direction compares with. */
  lookback?: number;
  /** A change of the average smaller than this is "steady". */
  minChange?: number;
}

const DEFAULTS: Required<TrendOptions> = { weight: 0.5, lookback: 3, minChange: 0.15 };

/** The trend of the customer's message scores (oldest first, each -1..1). */
export function sentimentTrend(scores: readonly number[], options: TrendOptions = {}): SentimentTrend {
  const { weight, lookback, minChange } = { ...DEFAULTS, ...options };
  const points: number[] = [];
  let average = 0;
  scores.forEach((score, i) => {
    average = i === 0 ? score : weight * score + (1 - weight) * average;
    points.push(round(average));
  });
  const current = points.at(-1) ?? 0;
  // Compared with the average `lookback` messages ago (or the first message, if fewer).
  const before = points.length >= 2 ? points[Math.max(0, points.length - 1 - lookback)]! : current;
  const change = current - before;
  const direction: SentimentDirection = Math.abs(change) < minChange ? 'steady' : change > 0 ? 'improving' : 'worsening';
  return { current, direction, points };
}

const round = (value: number) => Math.round(value * 10_000) / 10_000;
