'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { relativeTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './versions.module.css';

/** How many of the flow's latest conversations the drawer lists. */
const RECENT = 8;

/**
 * The flow's latest real conversations, each opening its path on the version it ran: where a
 * published change meets real customers.
 */
export function RecentConversations({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const recent = useQuery(trpc.conversations.list.queryOptions({ flowId, limit: RECENT }));
  if (!recent.data || recent.data.length === 0) return null;
  return (
    <div className={styles.recent} data-testid="recent-conversations">
      <h3 className={styles.recentTitle}>Recent conversations</h3>
      <ul className={styles.recentList}>
        {recent.data.map((conversation) => (
          <li key={conversation.id}>
            <Link href={`/flows/${flowId}/conversations/${conversation.id}`} className={styles.recentLink} data-testid="recent-conversation">
              <span className={styles.recentName}>{conversation.contactName}</span>
              <StatusBadge status={conversation.status} />
              <span className={styles.meta}>
                v{conversation.flowVersion} · {relativeTime(conversation.updatedAt)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
