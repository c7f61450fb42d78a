'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, LoadingState } from '@parley/ui';
import type { AnalyticsInput } from '@/lib/analytics-view';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

const RATINGS = { all: 'All ratings', dissatisfied: 'Dissatisfied', neutral: 'Neutral', satisfied: 'Satisfied' } as const;
type Rating = keyof typeof RATINGS;

/**
 * What customers wrote with their rating, latest first, filtered by the dashboard's filters, a
 * rating band and words; each opens its conversation in the inbox.
 */
export function CsatComments({ range }: { range: AnalyticsInput }) {
  const trpc = useTRPC();
  const [rating, setRating] = useState<Rating>('all');
  const [search, setSearch] = useState('');
  const words = search.trim();
  const comments = useQuery(trpc.analytics.satisfactionComments.queryOptions({ range, comments: { rating, ...(words ? { search: words } : {}) } }));
  return (
    <>
      <div className={styles.filters}>
        <label className={styles.filter}>
          <span className={styles.filterLabel}>Rating</span>
          <select value={rating} onChange={(event) => setRating(event.target.value as Rating)} data-testid="csat-comments-rating">
            {(Object.keys(RATINGS) as Rating[]).map((band) => (
              <option key={band} value={band}>
                {RATINGS[band]}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.filter}>
          <span className={styles.filterLabel}>Containing</span>
          <input className={`input ${styles.nameInput}`} type="search" value={search} maxLength={100} placeholder="Words in the comment" onChange={(event) => setSearch(event.target.value)} data-testid="csat-comments-search" />
        </label>
      </div>
      {comments.isPending ? (
        <LoadingState label="Loading comments…" />
      ) : comments.isError ? (
        <ErrorState error={comments.error} title="Could not load the comments" onRetry={() => void comments.refetch()} />
      ) : comments.data.comments.length === 0 ? (
        <p className={styles.empty}>No comments{rating !== 'all' || words ? ' match' : ' in this period'}.</p>
      ) : (
        <ul className={styles.drillList} data-testid="csat-comments">
          {comments.data.comments.map((row) => (
            <li key={row.conversationId}>
              <Link href={`/inbox/${row.conversationId}`} className={styles.drillRow} data-testid="csat-comment">
                <span className={styles.drillContact}>
                  {row.score} of {row.scale}
                </span>
                <span className={styles.comment}>“{row.comment}”</span>
                <span className={styles.dim}>
                  {[row.agent, row.flow, new Date(row.at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })].filter(Boolean).join(' · ')}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {comments.data && comments.data.total > comments.data.comments.length ? (
        <p className={styles.dim}>
          The latest {comments.data.comments.length} of {comments.data.total} are shown.
        </p>
      ) : null}
    </>
  );
}
