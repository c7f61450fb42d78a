'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useId } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { RequirePermission } from '@/components/settings/RequirePermission';
import { plural, shortDate } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { useSettledQuery } from './use-settled-query';
import styles from './contacts.module.css';

const PAGE_SIZE = 50;
function Contacts() {
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
          Search contacts by name, email, phone or id
        </label>
        <Icon name="search" size={15} className={styles.searchIcon} />
        <input
          id={searchId}
          className="input"
          type="search"
          placeholder="Search by name, email, phone or id"
          maxLength={200}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          data-testid="contacts-search"
        />
      </form>
      {contacts.isPending ? (
        <LoadingState label="Loading contacts…" />
      ) : contacts.isError ? (
        <ErrorState error={contacts.error} title="Could not load contacts" onRetry={() => void contacts.refetch()} />
      ) : rows.length === 0 ? (
        <div className={listPage.panel}>
          {query ? (
            <EmptyState icon="search" title="No contact matches" testId="contacts-no-match">
              No name, email, phone number or id matches “{query}”.
            </EmptyState>
          ) : (
            <EmptyState icon="contact-round" title="No contacts yet" testId="contacts-empty">
              A contact is made when someone writes or calls; the same email, phone or widget visitor finds them again.
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <ul className={listPage.list} data-testid="contact-list">
            {rows.map((contact) => {
              const who = contact.name ?? contact.email ?? contact.phone ?? 'Unnamed contact';
              return (
                <li key={contact.id} className={listPage.row}>
                  <Link href={`/contacts/${contact.id}`} className={listPage.rowLink} data-testid={`contact-link-${contact.id}`}>
                    <Avatar name={who} id={contact.id} size={34} />
                    <span className={listPage.rowMain}>
                      <span className={listPage.rowName}>{contact.name ?? <span className={styles.dim}>Unnamed contact</span>}</span>
                      <span className={listPage.rowDescription}>{[contact.email, contact.phone].filter(Boolean).join(' · ') || 'No email or phone'}</span>
                    </span>
                    <span className={listPage.rowMeta}>
                      <span className={styles.count}>{plural(contact.conversations, 'conversation')}</span>
                      <span className={`${listPage.rowTime} ${styles.hideNarrow}`}>since {shortDate(contact.createdAt)}</span>
                    </span>
                  </Link>
                </li>
              );
            })}
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

/** Everyone who wrote or called, one contact per person across channels, searchable. */
export function ContactList() {
  return (
    <div className={listPage.page}>
      <header className={listPage.header}>
        <div>
          <h1 className={listPage.title}>Contacts</h1>
          <p className={listPage.subtitle}>One person across the widget, email, SMS and calls: find them by name, email, phone or id.</p>
        </div>
      </header>
      <RequirePermission permission="contacts:read">
        <Contacts />
      </RequirePermission>
    </div>
  );
}
