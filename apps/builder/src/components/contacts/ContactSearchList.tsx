'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { EmptyState, ErrorState, Icon, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { ContactRow } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';
import { useSettledQuery } from './use-settled-query';
import styles from './contacts.module.css';

const PAGE_SIZE = 50;

/**
 * The workspace's contacts as a searchable, paged list: the contacts page links each one to its
 * timeline, the erasure settings give each an Erase button. What differs is only the wording and
 * the row; `notice` sits between the search box and the list (an erasure's outcome).
 */
export function ContactSearchList({
  searchLabel,
  placeholder,
  noMatch,
  empty,
  listClassName,
  listTestId,
  notice,
  renderRow,
}: {
  searchLabel: string;
  placeholder: string;
  noMatch: (query: string) => ReactNode;
  empty: ReactNode;
  listClassName: string | undefined;
  listTestId: string;
  notice?: ReactNode;
  renderRow: (contact: ContactRow) => ReactNode;
}) {
  const trpc = useTRPC();
  const searchId = useId();
  const [typed, query, setTyped] = useSettledQuery();
  const contacts = useInfiniteQuery(
    trpc.contacts.list.infiniteQueryOptions({ ...(query ? { query } : {}), limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const rows = contacts.data?.pages.flatMap((page) => page.contacts) ?? [];
  return (
    <>
      <form className={styles.search} role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={searchId} className="sr-only">
          {searchLabel}
        </label>
        <Icon name="search" size={15} className={styles.searchIcon} />
        <input
          id={searchId}
          className="input"
          type="search"
          placeholder={placeholder}
          maxLength={200}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          data-testid="contacts-search"
        />
      </form>
      {notice}
      {contacts.isPending ? (
        <LoadingState label="Loading contacts…" />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} title="Could not load contacts" onRetry={() => void contacts.refetch()} />
      ) : rows.length === 0 ? (
        <div className={listPage.panel}>
          {query ? (
            <EmptyState icon="search" title="No contact matches" testId="contacts-no-match">
              {noMatch(query)}
            </EmptyState>
          ) : (
            <EmptyState icon="contact-round" title="No contacts yet" testId="contacts-empty">
              {empty}
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <ul className={listClassName} data-testid={listTestId}>
            {rows.map(renderRow)}
          </ul>
          {contacts.hasNextPage ? (
            <div className={styles.more}>
              <button type="button" className="btn" disabled={contacts.isFetchingNextPage} onClick={() => void contacts.fetchNextPage()}>
                {contacts.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
