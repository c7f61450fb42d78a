'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Icon } from '@/components/ui/Icon';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useTRPC } from '@/lib/trpc';
import styles from '@/components/flows/flows.module.css';

/** `/chat`: pick a flow to try in the web chat widget. */
export function ChatFlowPicker() {
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <div>
          <h1 className={styles.title}>Web chat</h1>
          <p className={styles.subtitle}>Talk to a flow the way a customer would. Conversations run on the published version.</p>
        </div>
      </header>
      {flows.isPending ? (
        <ul className={styles.list} aria-busy="true" aria-label="Loading flows">
          {[0, 1].map((i) => (
            <li key={i} className={styles.row}>
              <div className={styles.rowMain}>
                <div className="skeleton" style={{ width: 200, height: 14 }} />
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
          <EmptyState
            icon="messages-square"
            title="No flows to chat with"
            action={
              <Link href="/flows" className="btn btn-primary">
                Go to flows
              </Link>
            }
          >
            Create and publish a flow first.
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} aria-label="Flows">
          {flows.data.map((flow) => (
            <li key={flow.id} className={styles.row}>
              <Link href={`/chat/${flow.id}`} className={styles.rowLink} data-testid={`chat-flow-${flow.id}`}>
                <span className={styles.rowIcon} aria-hidden="true">
                  <Icon name="messages-square" size={16} />
                </span>
                <span className={styles.rowMain}>
                  <span className={styles.rowName}>{flow.name}</span>
                  <span className={styles.rowDescription}>{flow.description || 'No description'}</span>
                </span>
                <span className={styles.rowMeta}>
                  {flow.publishedVersion !== null ? (
                    <span className="badge badge-success">v{flow.publishedVersion} live</span>
                  ) : (
                    <span className="badge badge-warning">Not published</span>
                  )}
                  <span className="btn btn-sm" aria-hidden="true">
                    Open chat
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
