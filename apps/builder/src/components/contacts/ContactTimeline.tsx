import Link from 'next/link';
import { Icon } from '@parley/ui';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { ContactConversation } from '@/lib/api-types';
import { fullDateTime, shortDate } from '@/lib/format';
import { CHANNEL_LOOK } from './channels';
import styles from './contacts.module.css';

const WHO = { contact: 'Customer', bot: 'Bot', agent: 'Agent', system: 'Note' } as const;

/** Every conversation of the contact on every channel, newest first, each a link into the inbox. */
export function ContactTimeline({ conversations }: { conversations: ContactConversation[] }) {
  if (conversations.length === 0) return <p className={styles.muted}>No conversations you can open.</p>;
  return (
    <ol className={styles.timeline} data-testid="contact-timeline">
      {conversations.map((conversation) => {
        const look = CHANNEL_LOOK[conversation.channel];
        return (
          <li key={conversation.id} className={styles.entry} data-testid="timeline-entry" data-channel={conversation.channel}>
            <span className={styles.channelIcon} title={look.label} aria-hidden="true">
              <Icon name={look.icon} size={15} />
            </span>
            <Link href={`/inbox/${conversation.id}`} className={styles.entryLink}>
              <span className={styles.entryHead}>
                <span className={styles.entryTitle}>
                  {look.label}
                  {conversation.channelName ? ` · ${conversation.channelName}` : ''} · {conversation.flowName}
                </span>
                <StatusBadge status={conversation.status} />
              </span>
              {conversation.lastMessage ? (
                <span className={styles.entryMessage}>
                  <span className={styles.dim}>{WHO[conversation.lastMessage.author]}:</span> {conversation.lastMessage.text}
                </span>
              ) : null}
              <span className={styles.entryMeta}>
                <span title={fullDateTime(conversation.createdAt)}>{shortDate(conversation.createdAt)}</span>
                {conversation.csat ? (
                  <span className={styles.csat} data-testid="timeline-csat">
                    <Icon name="star" size={12} />
                    {conversation.csat.score}/{conversation.csat.scale}
                  </span>
                ) : null}
              </span>
            </Link>
          </li>
        );
      })}
    </ol>
  );
}
