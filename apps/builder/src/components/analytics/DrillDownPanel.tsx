'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { Icon, ErrorState, LoadingState } from '@parley/ui';
import type { AnalyticsInput, DrillDownFigure } from '@/lib/analytics-view';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';

/** The conversations behind one figure, each a link into the inbox. */
export function DrillDownPanel({ range, figure, label, onClose }: { range: AnalyticsInput; figure: DrillDownFigure; label: string; onClose: () => void }) {
  const trpc = useTRPC();
  const rows = useQuery(trpc.analytics.drillDown.queryOptions({ range, figure }));
  return (
    <aside className={styles.drill} aria-label={`Conversations behind ${label}`} data-testid="analytics-drilldown">
      <header className={styles.drillHeader}>
        <h2 className={styles.panelTitle}>{label}: conversations</h2>
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} aria-label="Close the list">
          <Icon name="x" size={14} />
        </button>
      </header>
      {rows.isPending ? (
        <LoadingState label="Loading conversations…" />
      ) : rows.isError ? (
        <ErrorState error={rows.error} title="Could not load the conversations" onRetry={() => void rows.refetch()} />
      ) : rows.data.length === 0 ? (
        <p className={styles.empty}>No conversations.</p>
      ) : (
        <ul className={styles.drillList}>
          {rows.data.map((row) => (
            <li key={row.id}>
              <Link href={`/inbox/${row.id}`} className={styles.drillRow} data-testid="analytics-drilldown-row">
                <span className={styles.drillContact}>{row.contact}</span>
                <span className={styles.dim}>
                  {row.channel} · {row.status}
                  {row.team ? ` · ${row.team}` : ''}
                </span>
                <span className={styles.dim}>{new Date(row.at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {rows.data && rows.data.length === 100 ? <p className={styles.dim}>The latest 100 are shown.</p> : null}
    </aside>
  );
}
