'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { EraseOutcome } from '@/lib/api-types';
import { plural } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { ContactRow } from './ContactRow';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

const PAGE_SIZE = 50;
/** Search as the person types, once they pause. */
const SEARCH_DELAY_MS = 250;

function ErasureResult({ who, outcome, onDismiss }: { who: string; outcome: EraseOutcome; onDismiss: () => void }) {
  const done = outcome.status === 'erased';
  return (
    <div className={done ? styles.resultDone : styles.resultPending} role="status" data-testid="erase-result" data-status={outcome.status}>
      <Icon name={done ? 'check-circle' : 'clock'} size={16} />
      <p>
        {done ? (
          <>
            <strong>{who} was erased:</strong> {plural(outcome.conversations, 'conversation')}, {plural(outcome.messages, 'message')} and{' '}
            {plural(outcome.recordings, 'recording')} deleted.
          </>
        ) : (
          <>
            <strong>Erasing {who}…</strong> It is taking a while and carries on in the background, even if you leave this page.
          </>
        )}
      </p>
      <button type="button" className="btn btn-sm btn-ghost" onClick={onDismiss} aria-label="Dismiss">
        <Icon name="x" size={13} />
      </button>
    </div>
  );
}

function Contacts() {
  const trpc = useTRPC();
  const searchId = useId();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ who: string; outcome: EraseOutcome } | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setQuery(typed.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const contacts = useInfiniteQuery(
    trpc.contacts.list.infiniteQueryOptions(
      { ...(query ? { query } : {}), limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const rows = contacts.data?.pages.flatMap((page) => page.contacts) ?? [];
  return (
    <>
      <form className={styles.search} role="search" onSubmit={(event) => (event.preventDefault(), setQuery(typed.trim()))}>
        <label htmlFor={searchId} className="sr-only">
          Search contacts by name or email
        </label>
        <Icon name="search" size={15} className={styles.searchIcon} />
        <input
          id={searchId}
          className="input"
          type="search"
          placeholder="Search by name or email"
          maxLength={200}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          data-testid="contacts-search"
        />
      </form>
      {result ? <ErasureResult who={result.who} outcome={result.outcome} onDismiss={() => setResult(null)} /> : null}
      {contacts.isPending ? (
        <LoadingState label="Loading contacts…" />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} title="Could not load contacts" onRetry={() => void contacts.refetch()} />
      ) : rows.length === 0 ? (
        <div className={listPage.panel}>
          {query ? (
            <EmptyState icon="search" title="No contact matches" testId="contacts-no-match">
              Nobody’s name or email contains “{query}”.
            </EmptyState>
          ) : (
            <EmptyState icon="contact-round" title="No contacts yet" testId="contacts-empty">
              A contact is created when a customer writes or calls and gives a name or email.
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <ul className={styles.list} data-testid="contacts">
            {rows.map((contact) => (
              <ContactRow key={contact.id} contact={contact} onErased={(who, outcome) => setResult({ who, outcome })} />
            ))}
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

/** The people who wrote or called, to find one and erase everything Parley holds about them. */
export function ContactsScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Contacts & erasure" subtitle="Find a customer and erase all their data when they ask to be forgotten." />
      <RequirePermission permission="settings:manage">
        <Contacts />
      </RequirePermission>
    </div>
  );
}
