'use client';

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Icon, Popover } from '@parley/ui';
import type { NotificationItem } from '@/lib/api-types';
import { fullDateTime, relativeTime } from '@/lib/format';
import { useLiveRefetchInterval } from '@/lib/live-updates';
import { useTRPC } from '@/lib/trpc';
import { useNow } from '@/lib/use-now';
import styles from './inbox.module.css';
import noteStyles from './notes.module.css';

/** Polling while live updates are down. */
const REFRESH_MS = 5000;

/** How each kind of notification is marked in the list. */
const levelLook = {
  queued: { icon: 'headset', label: 'Waiting' },
  warning: { icon: 'clock', label: 'SLA warning' },
  breach: { icon: 'alert-triangle', label: 'SLA breached' },
  mention: { icon: 'sticky-note', label: 'Mentioned you' },
  whisper: { icon: 'headphones', label: 'Whisper' },
} as const satisfies Record<string, { icon: string; label: string }>;

function lookOf(level: string) {
  return levelLook[level as keyof typeof levelLook] ?? { icon: 'info', label: level };
}

/**
 * The inbox's bell: conversations entering a queue, SLA warnings/breaches, and what is for the
 * signed-in person alone (mentions in notes, supervisors' whispers), newest first, with the
 * unread count on the button. "Mentions" lists only the person's own. Opening an item goes to its
 * conversation and marks it read.
 */
export function NotificationBell() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const now = useNow();
  const [open, setOpen] = useState(false);
  const [personal, setPersonal] = useState(false);

  const list = useQuery({
    ...trpc.notifications.list.queryOptions({ limit: 20, personal }),
    refetchInterval: useLiveRefetchInterval(REFRESH_MS),
    placeholderData: keepPreviousData,
  });
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.notifications.list.queryKey() }),
    }),
  );
  const unread = list.data?.unread ?? 0;

  function openItem(item: NotificationItem) {
    if (!item.read) markRead.mutate({ ids: [item.id] });
    setOpen(false);
    router.push(`/inbox/${item.conversationId}`);
  }

  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      label="Notifications"
      className={styles.bellPanel}
      testId="notifications-panel"
      trigger={
        <button
          type="button"
          className={styles.bell}
          aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
          data-testid="notifications-button"
        >
          <Icon name="bell" size={16} />
          {unread > 0 ? (
            <span className={styles.bellCount} data-testid="notifications-unread" aria-hidden="true">
              {unread > 99 ? '99+' : unread}
            </span>
          ) : null}
        </button>
      }
    >
      <div className={styles.bellPanelHeader}>
        <span className={styles.bellPanelTitle}>Notifications</span>
        <span className={noteStyles.modes} role="group" aria-label="Show">
          {[false, true].map((only) => (
            <button
              key={String(only)}
              type="button"
              className={noteStyles.mode}
              aria-pressed={personal === only}
              data-selected={personal === only || undefined}
              onClick={() => setPersonal(only)}
              data-testid={only ? 'notifications-mentions' : 'notifications-all'}
            >
              {only ? 'Mentions' : 'All'}
            </button>
          ))}
        </span>
        <button
          type="button"
          className="btn btn-sm btn-ghost"
          disabled={unread === 0 || markRead.isPending}
          onClick={() => markRead.mutate({})}
        >
          Mark all read
        </button>
      </div>
      {list.data && list.data.items.length > 0 ? (
        <ul className={styles.bellList}>
          {list.data.items.map((item) => {
            const look = lookOf(item.level);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  className={styles.bellItem}
                  data-level={item.level}
                  data-read={item.read || undefined}
                  onClick={() => openItem(item)}
                  data-testid={`notification-${item.level}`}
                >
                  <span className={styles.bellItemIcon} aria-hidden="true">
                    <Icon name={look.icon} size={14} />
                  </span>
                  <span className={styles.bellItemBody}>
                    <span className={styles.bellItemTitle}>
                      {look.label}
                      {item.team ? ` · ${item.team}` : ''}
                      {item.read ? null : <span className="sr-only"> (unread)</span>}
                    </span>
                    <span className={styles.bellItemText}>
                      {item.contactName ? `${item.contactName}: ` : ''}
                      {item.message}
                    </span>
                    <time className={styles.bellItemTime} dateTime={item.createdAt} title={fullDateTime(item.createdAt)}>
                      {relativeTime(item.createdAt, now)}
                    </time>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className={styles.bellEmpty}>{list.isError ? 'Could not load notifications.' : personal ? 'Nobody mentioned you yet.' : 'Nothing needs you right now.'}</p>
      )}
    </Popover>
  );
}
