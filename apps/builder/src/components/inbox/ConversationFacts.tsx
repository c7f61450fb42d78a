'use client';

import Link from 'next/link';
import { Avatar } from '@/components/ui/Avatar';
import { Icon } from '@parley/ui';
import type { Assignee, ConversationDetail } from '@/lib/api-types';
import { fullDateTime, plural, relativeTime } from '@/lib/format';
import { CopyableId } from './DetailValues';
import { OutcomeDetails } from './OutcomeDetails';
import { PriorityBadge } from './PriorityBadge';
import { SlaStatus } from './SlaStatus';
import styles from './inbox.module.css';

/**
 * The facts under a conversation's title: team and priority (once handed off), assignee, when it
 * was handed off, SLA clocks, outcome, the flow (with its path on the canvas), workflow and size.
 * `team` and `assignee` are what the agent's last action made them (optimistic).
 */
export function ConversationFacts({
  conversation,
  team,
  assignee,
  meId,
  now,
  live,
}: {
  conversation: ConversationDetail;
  team: string | null;
  assignee: Assignee | null;
  meId: string | undefined;
  now: number;
  live: boolean;
}) {
  return (
    <dl className={styles.convFacts}>
      {conversation.status === 'handoff' || conversation.team ? (
        <>
          <div>
            <dt>Team</dt>
            <dd data-testid="detail-team">{team ?? '—'}</dd>
          </div>
          <div>
            <dt>Priority</dt>
            <dd data-testid="detail-priority">
              <PriorityBadge priority={conversation.priority} />
            </dd>
          </div>
        </>
      ) : null}
      <div>
        <dt>Assignee</dt>
        <dd data-testid="detail-assignee" className={styles.assigneeFact}>
          {assignee ? (
            <>
              <Avatar name={assignee.name} id={assignee.id} size={18} />
              {assignee.name}
              {assignee.id === meId ? <span className={styles.you}>you</span> : null}
            </>
          ) : conversation.status === 'handoff' ? (
            <span className={styles.unassigned}>Unassigned</span>
          ) : (
            'Bot (unassigned)'
          )}
        </dd>
      </div>
      {conversation.handedOffAt ? (
        <div>
          <dt>Handed off</dt>
          <dd data-testid="detail-handed-off">
            <time dateTime={conversation.handedOffAt} title={fullDateTime(conversation.handedOffAt)}>
              {relativeTime(conversation.handedOffAt, now)}
            </time>
          </dd>
        </div>
      ) : null}
      <SlaStatus sla={conversation.sla} now={now} live={live} />
      <OutcomeDetails csat={conversation.csat} quality={conversation.quality} />
      <div>
        <dt>Flow</dt>
        <dd>
          <Link href={`/flows/${conversation.flow.id}`} className={styles.inlineLink} data-testid="detail-flow">
            {conversation.flow.name} · v{conversation.flow.version}
          </Link>
          <Link href={`/flows/${conversation.flow.id}/conversations/${conversation.id}`} className="btn btn-ghost btn-sm" data-testid="open-path">
            <Icon name="route" size={13} />
            Open path
          </Link>
        </dd>
      </div>
      <div>
        <dt>Workflow</dt>
        <dd>
          <CopyableId value={conversation.workflowId} />
        </dd>
      </div>
      <div>
        <dt>Messages</dt>
        <dd>{plural(conversation.messages.length, 'message')}</dd>
      </div>
    </dl>
  );
}
