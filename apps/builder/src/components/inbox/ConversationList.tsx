'use client';

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Icon } from '@/components/ui/Icon';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { EmptyState, ErrorState } from '@/components/ui/states';
import type { Assignee, ConversationStatus, ConversationSummary, MessageAuthor } from '@/lib/api-types';
import { fullDateTime, initials, relativeTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import { NotificationBell } from './NotificationBell';
import { PriorityBadge } from './PriorityBadge';
import { useMyOffers } from './OfferBanner';
import offerStyles from './OfferBanner.module.css';
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

/** Polling interval of the list (and of the tab counts): conversations appear and move as they happen. */
const LIST_REFRESH_MS = 2000;
const LIST_LIMIT = 100;

const authorPrefix = {
  contact: '',
  bot: 'Bot: ',
  agent: 'Agent: ',
  system: 'Note: ',
} satisfies Record<MessageAuthor, string>;

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

  const list = useQuery({
    ...trpc.conversations.list.queryOptions(current.status ? { status: current.status, limit: LIST_LIMIT } : { limit: LIST_LIMIT }),
    refetchInterval: LIST_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  // Every tab's count, from one grouped query (`all` includes closed conversations).
  const counts = useQuery({
    ...trpc.conversations.counts.queryOptions(),
    refetchInterval: LIST_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const currentCount = counts.data ? counts.data[current.status ?? 'all'] : null;

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
          <span className={styles.live} title={`Refreshes every ${LIST_REFRESH_MS / 1000} s`}>
            <span className={styles.liveDot} data-error={list.isError || undefined} aria-hidden="true" />
            {list.isError ? 'Reconnecting…' : 'Live'}
          </span>
          <NotificationBell />
        </div>
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
            {counts.data ? (
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
          <EmptyState icon="inbox" title={current.empty}>
            {filter === 'all' ? (
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

function ConversationItem({
  conversation,
  selected,
  offered,
  now,
}: {
  conversation: ConversationSummary;
  selected: boolean;
  /** The team's queue offers it to the signed-in agent (accept or decline in the conversation). */
  offered: boolean;
  now: number;
}) {
  const name = conversation.contactName ?? 'Visitor';
  const last = conversation.lastMessage;
  const when = last?.createdAt ?? conversation.updatedAt;
  const withPerson = conversation.status === 'handoff';
  const pressing = withPerson && (conversation.priority === 'urgent' || conversation.priority === 'high');
  return (
    <li>
      <Link
        href={`/inbox/${conversation.id}`}
        className={styles.item}
        aria-current={selected ? 'page' : undefined}
        data-testid={`conversation-${conversation.id}`}
        data-status={conversation.status}
        data-priority={withPerson ? conversation.priority : undefined}
        data-pressing={pressing || undefined}
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
            {!withPerson && conversation.assignee ? <AssigneeAvatar assignee={conversation.assignee} /> : null}
          </span>
          {withPerson ? (
            <span className={styles.itemHandoff} data-testid="item-handoff">
              <PriorityBadge priority={conversation.priority} />
              {conversation.team ? (
                <span className={styles.itemTeam} data-testid="item-team" title={`Team: ${conversation.team}`}>
                  <Icon name="users" size={11} />
                  {conversation.team}
                </span>
              ) : null}
              {conversation.assignee ? (
                <AssigneeAvatar assignee={conversation.assignee} withName />
              ) : offered ? (
                <span className={offerStyles.offered} data-testid="item-offered">
                  Offered to you
                </span>
              ) : (
                <span className={styles.itemUnassigned} data-testid="item-assignee">
                  Unassigned
                </span>
              )}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

function AssigneeAvatar({ assignee, withName = false }: { assignee: Assignee; withName?: boolean }) {
  return (
    <span className={styles.itemAssignee} data-testid="item-assignee">
      <Avatar name={assignee.name} id={assignee.id} size={20} label={`Assigned to ${assignee.name}`} />
      {withName ? <span className={styles.itemAssigneeName} aria-hidden="true">{assignee.name}</span> : null}
    </span>
  );
}
