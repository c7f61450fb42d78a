import type { ReactNode } from 'react';
import { EmptyState, ErrorState, LoadingState } from './states';
import styles from './states.module.css';

/**
 * What QueryList reads of a list query: the shape of TanStack Query's result, stated here so
 * this package needs no query library.
 */
export type ListQuery<T> =
  | { isPending: true; isError: false; error: unknown; data: undefined; refetch: () => unknown }
  | { isPending: false; isError: true; error: unknown; data: T[] | undefined; refetch: () => unknown }
  | { isPending: false; isError: false; error: unknown; data: T[]; refetch: () => unknown };

/**
 * A list query's four faces: loading, failed (with a retry), empty (a panel saying what the list
 * is for) and its items. `noun` names the items in the loading and error lines ("webhooks").
 */
export function QueryList<T>({
  query,
  noun,
  empty,
  children,
}: {
  query: ListQuery<T>;
  noun: string;
  empty: { icon: string; title: string; text: ReactNode; testId: string };
  children: (items: T[]) => ReactNode;
}) {
  if (query.isPending) return <LoadingState label={`Loading ${noun}…`} />;
  if (query.isError) return <ErrorState error={query.error} title={`Could not load ${noun}`} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) {
    return (
      <div className={styles.panel}>
        <EmptyState icon={empty.icon} title={empty.title} testId={empty.testId}>
          {empty.text}
        </EmptyState>
      </div>
    );
  }
  return children(query.data);
}
