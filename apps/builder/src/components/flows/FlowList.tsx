'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Icon, EmptyState, ErrorState } from '@parley/ui';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { FlowRowActions, useFlowActions } from './FlowActions';
import { NewFlowDialog } from './NewFlowDialog';
import styles from './flows.module.css';
import listPage from '@/components/ui/listPage.module.css';

export function FlowList() {
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const canManage = useCan('flows:manage');
  const actions = useFlowActions();

  const newButton = !canManage ? null : (
    <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-flow">
      <Icon name="plus" size={14} />
      New flow
    </button>
  );

  return (
    <div className={listPage.page}>
      <header className={listPage.header}>
        <div>
          <h1 className={listPage.title}>Flows</h1>
          <p className={listPage.subtitle}>Conversation flows your assistant runs on web chat.</p>
        </div>
        {flows.data && flows.data.length > 0 ? newButton : null}
      </header>

      {actions.dialogs}
      {flows.isPending ? (
        <ul className={listPage.list} aria-busy="true" aria-label="Loading flows">
          {[0, 1, 2].map((i) => (
            <li key={i} className={listPage.row}>
              <div className={listPage.rowMain}>
                <div className="skeleton" style={{ width: 180, height: 14 }} />
                <div className="skeleton" style={{ width: 320, height: 12, marginTop: 8 }} />
              </div>
            </li>
          ))}
        </ul>
      ) : flows.isError ? (
        <div className={listPage.panel}>
          <ErrorState error={flows.error} title="Could not load flows" onRetry={() => void flows.refetch()} />
        </div>
      ) : flows.data.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="workflow" title="No flows yet" action={newButton} testId="flows-empty">
            A flow is the script your assistant follows: greet, ask questions, hand over or resolve.
            Create one and draw it on the canvas.
          </EmptyState>
        </div>
      ) : (
        <ul className={listPage.list} aria-label="Flows" data-testid="flows">
          {flows.data.map((flow) => (
            <li key={flow.id} className={`${listPage.row} ${styles.flowRow}`} data-testid={`flow-row-${flow.id}`}>
              <Link href={`/flows/${flow.id}`} className={listPage.rowLink} data-testid={`flow-item-${flow.id}`}>
                <span className={listPage.rowIcon} aria-hidden="true">
                  <Icon name="workflow" size={16} />
                </span>
                <span className={listPage.rowMain}>
                  <span className={listPage.rowName}>{flow.name}</span>
                  <span className={listPage.rowDescription}>{flow.description || 'No description'}</span>
                </span>
                <span className={listPage.rowMeta}>
                  {flow.publishedVersion !== null ? (
                    <span className="badge badge-success">Published v{flow.publishedVersion}</span>
                  ) : (
                    <span className="badge">Draft only</span>
                  )}
                  <time className={listPage.rowTime} dateTime={flow.draftUpdatedAt} title={fullDateTime(flow.draftUpdatedAt)}>
                    Edited {relativeTime(flow.draftUpdatedAt)}
                  </time>
                </span>
              </Link>
              {canManage ? <FlowRowActions flow={flow} actions={actions.open} busy={actions.duplicating === flow.id} /> : null}
            </li>
          ))}
        </ul>
      )}

      <NewFlowDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
