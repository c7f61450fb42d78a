import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import listPage from './listPage.module.css';
import { EmptyState, ErrorState, LoadingState } from './states';

/**
 * A list query's four faces: loading, failed (with a retry), empty (a panel saying what the list
 * is for) and its items. `noun` names the items in the loading and error lines ("webhooks").
 */
export function QueryList<T, E>({
  query,
  noun,
  empty,
  children,
}: {
  query: UseQueryResult<T[], E>;
  noun: string;
  empty: { icon: string; title: string; text: ReactNode; testId: string };
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={`Loading ${noun}…`} />;
  if (query.isError) return <ErrorState error={query.error} title={`Could not load ${noun}`} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) {
    return (
      <div className={listPage.panel}>
        <EmptyState icon={empty.icon} title={empty.title} testId={empty.testId}>
          {empty.text}
        </EmptyState>
      </div>
    );
  }
  return children(query.data);
}
