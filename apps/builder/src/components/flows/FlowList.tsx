'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Icon } from '@/components/ui/Icon';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { NewFlowDialog } from './NewFlowDialog';
import styles from './flows.module.css';

export function FlowList() {
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [creating, setCreating] = useState(false);

  const newButton = (
    <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-flow">
      <Icon name="plus" size={14} />
      New flow
    </button>
  );

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Flows</h1>
          <p className={styles.subtitle}>Conversation flows your assistant runs on web chat.</p>
        </div>
        {flows.data && flows.data.length > 0 ? newButton : null}
      </header>

      {flows.isPending ? (
        <ul className={styles.list} aria-busy="true" aria-label="Loading flows">
          {[0, 1, 2].map((i) => (
            <li key={i} className={styles.row}>
              <div className={styles.rowMain}>
                <div className="skeleton" style={{ width: 180, height: 14 }} />
                <div className="skeleton" style={{ width: 320, height: 12, marginTop: 8 }} />
              </div>
            </li>
          ))}
        </ul>
      ) : flows.isError ? (
        <div className={styles.panel}>
          <ErrorState error={flows.error} title="Could not load flows" onRetry={() => void flows.refetch()} />
        </div>
      ) : flows.data.length === 0 ? (
        <div className={styles.panel}>
          <EmptyState icon="workflow" title="No flows yet" action={newButton} testId="flows-empty">
            A flow is the script your assistant follows: greet, ask questions, hand over or resolve.
            Create one and draw it on the canvas.
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} aria-label="Flows" data-testid="flows">
          {flows.data.map((flow) => (
            <li key={flow.id} className={styles.row}>
              <Link href={`/flows/${flow.id}`} className={styles.rowLink} data-testid={`flow-item-${flow.id}`}>
                <span className={styles.rowIcon} aria-hidden="true">
                  <Icon name="workflow" size={16} />
                </span>
                <span className={styles.rowMain}>
                  <span className={styles.rowName}>{flow.name}</span>
                  <span className={styles.rowDescription}>{flow.description || 'No description'}</span>
                </span>
                <span className={styles.rowMeta}>
                  {flow.publishedVersion !== null ? (
                    <span className="badge badge-success">Published v{flow.publishedVersion}</span>
                  ) : (
                    <span className="badge">Draft only</span>
                  )}
                  <time className={styles.rowTime} dateTime={flow.draftUpdatedAt} title={fullDateTime(flow.draftUpdatedAt)}>
                    Edited {relativeTime(flow.draftUpdatedAt)}
                  </time>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}

      <NewFlowDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
