'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { Icon } from '@/components/ui/Icon';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { EmptyState, ErrorState } from '@/components/ui/states';
import type { ConversationSummary, MessageAuthor } from '@/lib/api-types';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import styles from './inbox.module.css';

const filters = [
  { id: 'all', label: 'All', status: undefined },
  { id: 'active', label: 'Active', status: 'active' },
  { id: 'resolved', label: 'Resolved', status: 'resolved' },
] as const;
type FilterId = (typeof filters)[number]['id'];

/** Polling interval of the list: conversations appear and move as they happen. */
const LIST_REFRESH_MS = 2000;

const authorPrefix = {
  contact: '',
  bot: 'Bot: ',
  agent: 'Agent: ',
  system: '',
} satisfies Record<MessageAuthor, string>;

export function ConversationList() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const selectedId = pathname.startsWith('/inbox/') ? decodeURIComponent(pathname.slice('/inbox/'.length)) : null;
  const [filter, setFilter] = useState<FilterId>('all');
  const status = filters.find((f) => f.id === filter)?.status;
  const now = useNow();

  const list = useQuery({
    ...trpc.conversations.list.queryOptions(status ? { status, limit: 100 } : { limit: 100 }),
    refetchInterval: LIST_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

  return (
    <section className={styles.listPane} aria-labelledby="inbox-title">
      <header className={styles.listHeader}>
        <h1 id="inbox-title" className={styles.listTitle}>
          Inbox
        </h1>
        <span className={styles.live} title={`Refreshes every ${LIST_REFRESH_MS / 1000} s`}>
          <span className={styles.liveDot} data-error={list.isError || undefined} aria-hidden="true" />
          {list.isError ? 'Reconnecting…' : 'Live'}
        </span>
      </header>
      <div className={styles.tabs} role="group" aria-label="Filter conversations">
        {filters.map((f) => (
          <button
            key={f.id}
            type="button"
            className={styles.tab}
            aria-pressed={filter === f.id}
            onClick={() => setFilter(f.id)}
            data-testid={`filter-${f.id}`}
          >
            {f.label}
          </button>
        ))}
      </div>

      <div className={styles.listBody}>
        {list.isPending ? (
          <ul className={styles.list} aria-busy="true" aria-label="Loading conversations">
            {[0, 1, 2, 3].map((i) => (
              <li key={i} className={styles.skeletonItem}>
                <div className="skeleton" style={{ width: '55%', height: 12 }} />
                <div className="skeleton" style={{ width: '85%', height: 11, marginTop: 8 }} />
              </li>
            ))}
          </ul>
        ) : list.isError && !list.data ? (
          <ErrorState error={list.error} title="Could not load conversations" onRetry={() => void list.refetch()} />
        ) : list.data.length === 0 ? (
          <EmptyState icon="inbox" title={filter === 'all' ? 'No conversations yet' : `No ${filter} conversations`}>
            {filter === 'all' ? (
              <>
                Start one from the <Link href="/chat" className={styles.inlineLink}>web chat</Link> and it appears here.
              </>
            ) : (
              'Try another filter.'
            )}
          </EmptyState>
        ) : (
          <ul className={styles.list} aria-label="Conversations" data-testid="inbox-list">
            {list.data.map((conversation) => (
              <ConversationItem
                key={conversation.id}
                conversation={conversation}
                selected={conversation.id === selectedId}
                now={now}
              />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

function ConversationItem({
  conversation,
  selected,
  now,
}: {
  conversation: ConversationSummary;
  selected: boolean;
  now: number;
}) {
  const name = conversation.contactName ?? 'Visitor';
  const last = conversation.lastMessage;
  const when = last?.createdAt ?? conversation.updatedAt;
  return (
    <li>
      <Link
        href={`/inbox/${conversation.id}`}
        className={styles.item}
        aria-current={selected ? 'page' : undefined}
        data-testid={`conversation-${conversation.id}`}
        data-status={conversation.status}
      >
        <span className={styles.itemAvatar} data-status={conversation.status} aria-hidden="true">
          {conversation.contactName ? initials(conversation.contactName) : <Icon name="user" size={15} />}
        </span>
        <span className={styles.itemMain}>
          <span className={styles.itemTop}>
            <span className={styles.itemName}>{name}</span>
            <time className={styles.itemTime} dateTime={when} title={fullDateTime(when)}>
              {relativeTime(when, now)}
            </time>
          </span>
          <span className={styles.itemPreview}>
            {last ? (
              <>
                {authorPrefix[last.author]}
                {last.text}
              </>
            ) : (
              <em>No messages yet</em>
            )}
          </span>
          <span className={styles.itemBottom}>
            <StatusBadge status={conversation.status} />
            <span className={styles.itemFlow}>
              {conversation.flowName} · v{conversation.flowVersion}
            </span>
          </span>
        </span>
      </Link>
    </li>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? `${parts[0]?.[0] ?? ''}${parts.at(-1)?.[0] ?? ''}` : (parts[0]?.slice(0, 2) ?? '');
  return letters.toUpperCase();
}
