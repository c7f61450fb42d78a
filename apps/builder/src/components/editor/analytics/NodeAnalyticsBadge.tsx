'use client';

import { useNodeAnalytics } from './analytics-context';
import { shortDuration, shortPercent } from './overlay';
import styles from './analytics.module.css';

/** Over a step while the analytics overlay is on: visits, drop-off, errors and p50/p95 time. */
export function NodeAnalyticsBadge({ id }: { id: string }) {
  const { on, badge } = useNodeAnalytics(id);
  if (!on) return null;
  if (!badge) {
    return (
      <div className={styles.badge} data-empty data-testid={`analytics-badge-${id}`}>
        <span>no visits</span>
      </div>
    );
  }
  const summary = `${badge.visits} visits, ${shortPercent(badge.dropOffPercent)} of conversations left here, ${badge.errors} errors, p50 ${shortDuration(badge.p50Ms)}, p95 ${shortDuration(badge.p95Ms)}`;
  return (
    <div className={styles.badge} data-testid={`analytics-badge-${id}`} title={summary} aria-label={summary} role="note">
      <span className={styles.figure} data-testid={`analytics-visits-${id}`}>
        <b>{badge.visits.toLocaleString('en')}</b> visits
      </span>
      <span className={styles.figure} data-dropoff={badge.dropOffPercent > 0 || undefined} data-testid={`analytics-dropoff-${id}`}>
        <b>{shortPercent(badge.dropOffPercent)}</b> left
      </span>
      {badge.errors > 0 ? (
        <span className={styles.figure} data-errors data-testid={`analytics-errors-${id}`}>
          <b>{badge.errors.toLocaleString('en')}</b> err
        </span>
      ) : null}
      <span className={styles.figure} data-testid={`analytics-timing-${id}`}>
        {shortDuration(badge.p50Ms)} / {shortDuration(badge.p95Ms)}
      </span>
    </div>
  );
}
