'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTRPC } from '@/lib/trpc';
import styles from './SentimentTrend.module.css';

const ARROWS = { improving: '↗', steady: '→', worsening: '↘' } as const;
const WIDTH = 56;
const HEIGHT = 16;

/**
 * The customer's mood next to their name: where it is going (improving / steady / worsening,
 * from an exponentially weighted average of their messages' sentiment) and a sparkline of that
 * average, -1 at the bottom, +1 at the top. Nothing until the customer has written.
 */
export function SentimentTrend({ conversationId, messageCount }: { conversationId: string; messageCount: number }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.sentiment.trend.queryOptions({ conversationId }));
  const { refetch } = query;
  // A new message may change the trend: ask again when the transcript grows.
  useEffect(() => {
    void refetch();
  }, [messageCount, refetch]);

  const data = query.data;
  if (!data || data.messages.length === 0) return null;
  const { trend } = data;
  const mood = trend.current <= -0.2 ? 'negative' : trend.current >= 0.2 ? 'positive' : 'neutral';
  const points = trend.points.map((value, i) => {
    const x = trend.points.length === 1 ? WIDTH / 2 : (i / (trend.points.length - 1)) * (WIDTH - 4) + 2;
    const y = ((1 - value) / 2) * (HEIGHT - 4) + 2;
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const description = `Customer mood ${mood} (${trend.current.toFixed(2)}), ${trend.direction} over their last ${data.messages.length} message${data.messages.length === 1 ? '' : 's'}`;
  return (
    <span className={styles.trend} data-direction={trend.direction} data-mood={mood} title={description} data-testid="sentiment-trend">
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" className={styles.spark}>
        <line x1={0} x2={WIDTH} y1={HEIGHT / 2} y2={HEIGHT / 2} className={styles.zero} />
        <polyline points={points.join(' ')} className={styles.line} />
        <circle cx={points.at(-1)!.split(',')[0]} cy={points.at(-1)!.split(',')[1]} r={2} className={styles.dot} />
      </svg>
      <span className={styles.label}>
        <span className="sr-only">{description}. </span>
        <span aria-hidden="true">
          {mood} {ARROWS[trend.direction]} {trend.direction}
        </span>
      </span>
    </span>
  );
}
