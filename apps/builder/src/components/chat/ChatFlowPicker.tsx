'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Icon, EmptyState, ErrorState } from '@parley/ui';
import { useTRPC } from '@/lib/trpc';
import listPage from '@/components/ui/listPage.module.css';

/** `/chat`: pick a flow to try in the web chat widget. */
export function ChatFlowPicker() {
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());

  return (
    <div className={listPage.page}>
      <header className={listPage.header}>
        <div>
          <h1 className={listPage.title}>Web chat</h1>
          <p className={listPage.subtitle}>Talk to a flow the way a customer would. Conversations run on the published version.</p>
        </div>
      </header>
      {flows.isPending ? (
        <ul className={listPage.list} aria-busy="true" aria-label="Loading flows">
          {[0, 1].map((i) => (
            <li key={i} className={listPage.row}>
              <div className={listPage.rowMain}>
                <div className="skeleton" style={{ width: 200, height: 14 }} />
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
        <ul className={listPage.list} aria-label="Flows">
          {flows.data.map((flow) => (
            <li key={flow.id} className={listPage.row}>
              <Link href={`/chat/${flow.id}`} className={listPage.rowLink} data-testid={`chat-flow-${flow.id}`}>
                <span className={listPage.rowIcon} aria-hidden="true">
                  <Icon name="messages-square" size={16} />
                </span>
                <span className={listPage.rowMain}>
                  <span className={listPage.rowName}>{flow.name}</span>
                  <span className={listPage.rowDescription}>{flow.description || 'No description'}</span>
                </span>
                <span className={listPage.rowMeta}>
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
