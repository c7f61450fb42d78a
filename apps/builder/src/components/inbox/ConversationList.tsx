'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { EmptyState, ErrorState } from '@parley/ui';
import type { ConversationStatus } from '@/lib/api-types';
import { useLiveRefetchInterval, useLiveStatus } from '@/lib/live-updates';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import { ConversationItem } from './ConversationItem';
import { InboxFinder, listQuery, useDebounced, type FinderState } from './InboxFinder';
import { NotificationBell } from './NotificationBell';
import { useMyOffers } from './OfferBanner';
import styles from './inbox.module.css';

const filters = [
  { id: 'all', label: 'All', status: undefined, empty: 'No conversations yet', counted: 'conversations' },
  { id: 'active', label: 'Bot', status: 'active', empty: 'The bot has no live conversations', counted: 'with the bot' },
  { id: 'handoff', label: 'Waiting', status: 'handoff', empty: 'Nobody is waiting for a person', counted: 'waiting for a person' },
  { id: 'resolved', label: 'Resolved', status: 'resolved', empty: 'No resolved conversations', counted: 'resolved' },
] as const satisfies readonly {
  id: string;
  label: string;
  status: ConversationStatus | undefined;
  empty: string;
  /** How the tab's count is read out: "3 waiting". */
  counted: string;
}[];
type FilterId = (typeof filters)[number]['id'];

/** Polling of the list and counts while live updates are down (with them up: a slow safety refetch). */
const LIST_REFRESH_MS = 2000;
const LIST_LIMIT = 100;

export function ConversationList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pathname = usePathname();
  const selectedId = pathname.startsWith('/inbox/') ? decodeURIComponent(pathname.slice('/inbox/'.length)) : null;
  const [filter, setFilter] = useState<FilterId>('all');
  const current = filters.find((f) => f.id === filter) ?? filters[0];
  const now = useNow();
  const offers = useMyOffers();
  const offered = new Set((offers.data ?? []).map((offer) => offer.conversationId));

  const [finder, setFinder] = useState<FinderState>({ choice: 'all', search: '' });
  const search = useDebounced(finder.search);
  const saved = useQuery(trpc.savedViews.list.queryOptions());
  const listRefresh = useLiveRefetchInterval(LIST_REFRESH_MS);
  const liveStatus = useLiveStatus();
  const viewCounts = useQuery({ ...trpc.conversations.viewCounts.queryOptions(), refetchInterval: listRefresh, placeholderData: keepPreviousData });
  const query = listQuery(finder, search, saved.data);
  // The status tabs' counts are the whole inbox's: shown while the list is the whole inbox.
  const unfiltered = finder.choice === 'all' && !query.search && !query.priority && !query.channel;

  const list = useQuery({
    ...trpc.conversations.list.queryOptions({ ...query, ...(current.status ? { status: current.status } : {}), limit: LIST_LIMIT }),
    refetchInterval: listRefresh,
    placeholderData: keepPreviousData,
  });
  // Every tab's count, from one grouped query (`all` includes closed conversations).
  const counts = useQuery({
    ...trpc.conversations.counts.queryOptions(),
    refetchInterval: listRefresh,
    placeholderData: keepPreviousData,
  });
  // The stream down (the shell's pill stays out of the inbox, whose header says it here) or the list failing.
  const reconnecting = list.isError || liveStatus === 'down';
  const currentCount = counts.data && unfiltered ? counts.data[current.status ?? 'all'] : null;

  // Keep the open transcript in step with the list: when the list has seen a newer state of the
  // selected conversation than the transcript shows, refetch the transcript now (its own effect
  // does the same for the list), instead of the two disagreeing until their next polls.
  const selected = list.data?.find((conversation) => conversation.id === selectedId);
  const selectedUpdatedAt = selected?.updatedAt;
  useEffect(() => {
    if (!selectedId || !selectedUpdatedAt) return;
    const detail = queryClient.getQueryData(trpc.conversations.get.queryKey({ id: selectedId }));
    if (detail && Date.parse(detail.updatedAt) < Date.parse(selectedUpdatedAt)) {
      void queryClient.invalidateQueries(trpc.conversations.get.queryFilter({ id: selectedId }));
    }
  }, [queryClient, trpc, selectedId, selectedUpdatedAt]);

  return (
    <section className={styles.listPane} aria-labelledby="inbox-title">
      <header className={styles.listHeader}>
        <h1 id="inbox-title" className={styles.listTitle}>
          Inbox
        </h1>
        <div className={styles.headerTools}>
          <span className={styles.live} data-testid="inbox-live" title={liveStatus === 'live' ? 'Updates as they happen' : `Refreshes every ${LIST_REFRESH_MS / 1000} s`}>
            <span className={styles.liveDot} data-error={reconnecting || undefined} aria-hidden="true" />
            {reconnecting ? 'Reconnecting…' : 'Live'}
          </span>
          <NotificationBell />
        </div>
      </header>
      <InboxFinder state={finder} onChange={setFinder} saved={saved.data} counts={viewCounts.data} />
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
            {counts.data && unfiltered ? (
              <TabCount
                count={counts.data[f.status ?? 'all']}
                counted={f.counted}
                urgent={f.id === 'handoff'}
                testId={`${f.id}-count`}
              />
            ) : null}
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
          <EmptyState icon="inbox" title={query.search ? 'No conversations match' : current.empty}>
            {query.search ? (
              'Try other words, or fewer of them.'
            ) : filter === 'all' && unfiltered ? (
              <>
                Start one from the <Link href="/chat" className={styles.inlineLink}>web chat</Link> and it appears here.
              </>
            ) : (
              'Try another filter.'
            )}
          </EmptyState>
        ) : (
          <>
            <ul className={styles.list} aria-label="Conversations" data-testid="inbox-list">
              {list.data.map((conversation) => (
                <ConversationItem
                  key={conversation.id}
                  conversation={conversation}
                  selected={conversation.id === selectedId}
                  offered={offered.has(conversation.id)}
                  now={now}
                />
              ))}
            </ul>
            {currentCount !== null && currentCount > list.data.length && list.data.length >= LIST_LIMIT ? (
              <p className={styles.listMore} data-testid="list-more">
                Showing the {list.data.length} most recent of {currentCount}
              </p>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}

/** A tab's count ("3"); the queue's count is highlighted while anyone is waiting. */
function TabCount({ count, counted, urgent, testId }: { count: number; counted: string; urgent: boolean; testId: string }) {
  const text = count > 999 ? '999+' : String(count);
  return (
    <span
      className={styles.tabCount}
      data-empty={count === 0 || undefined}
      data-urgent={(urgent && count > 0) || undefined}
      data-testid={testId}
      aria-label={`${text} ${counted}`}
    >
      {text}
    </span>
  );
}
