import Link from 'next/link';
import { Avatar } from '@/components/ui/Avatar';
import { Icon } from '@parley/ui';
import { StatusBadge } from '@/components/ui/StatusBadge';
import type { Assignee, ConversationSummary, MessageAuthor } from '@/lib/api-types';
import { contactLabel, fullDateTime, initials, relativeTime } from '@/lib/format';
import { PriorityBadge } from './PriorityBadge';
import offerStyles from './OfferBanner.module.css';
import styles from './inbox.module.css';

const authorPrefix = {
  contact: '',
  bot: 'Bot: ',
  agent: 'Agent: ',
  system: 'Note: ',
} satisfies Record<MessageAuthor, string>;

export function ConversationItem({
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
  const name = contactLabel({ name: conversation.contactName, email: conversation.contactEmail, phone: conversation.contactPhone });
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
            {conversation.snippet ? (
              <span data-testid="item-snippet">
                {conversation.snippet.map((piece, index) => (piece.match ? <mark key={index}>{piece.text}</mark> : piece.text))}
              </span>
            ) : last ? (
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
