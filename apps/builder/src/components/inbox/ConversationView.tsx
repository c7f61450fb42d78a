'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Icon } from '@/components/ui/Icon';
import { StatusBadge } from '@/components/ui/StatusBadge';
import { EmptyState, ErrorState, LoadingState } from '@/components/ui/states';
import type { ConversationDetail, MessageAuthor, TranscriptMessage } from '@/lib/api-types';
import { errorCode } from '@/lib/errors';
import { clockTime, fullDateTime, plural, shortDate } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import styles from './inbox.module.css';

/** Live conversations refresh quickly; ended ones rarely change. */
const ACTIVE_REFRESH_MS = 1500;
const ENDED_REFRESH_MS = 10_000;

const authorNames = {
  contact: 'Customer',
  bot: 'Bot',
  agent: 'Agent',
  system: 'System',
} satisfies Record<MessageAuthor, string>;

export function ConversationView({ id }: { id: string }) {
  const trpc = useTRPC();
  const conversation = useQuery({
    ...trpc.conversations.get.queryOptions({ id }),
    refetchInterval: (query) => (query.state.data?.status === 'active' ? ACTIVE_REFRESH_MS : ENDED_REFRESH_MS),
  });

  if (conversation.isPending) return <LoadingState label="Loading conversation…" />;
  if (conversation.isError && !conversation.data) {
    if (errorCode(conversation.error) === 'NOT_FOUND') {
      return (
        <EmptyState icon="inbox" title="Conversation not found">
          It may belong to another workspace, or the link is wrong.
        </EmptyState>
      );
    }
    return (
      <ErrorState
        error={conversation.error}
        title="Could not load the conversation"
        onRetry={() => void conversation.refetch()}
      />
    );
  }
  return <Conversation conversation={conversation.data} />;
}

function Conversation({ conversation }: { conversation: ConversationDetail }) {
  const name = conversation.contact.name ?? 'Visitor';
  return (
    <div className={styles.conversation} data-testid="inbox-detail" data-status={conversation.status}>
      <header className={styles.convHeader}>
        <div className={styles.convTitleRow}>
          <span className={styles.convAvatar} aria-hidden="true">
            <Icon name="user" size={16} />
          </span>
          <div className={styles.convTitles}>
            <h2 className={styles.convName} data-testid="detail-contact">
              {name}
            </h2>
            <p className={styles.convSub}>
              {conversation.contact.email ?? 'No email'} · Web chat · started {shortDate(conversation.createdAt)},{' '}
              {clockTime(conversation.createdAt)}
            </p>
          </div>
          <StatusBadge status={conversation.status} />
        </div>
        <dl className={styles.convFacts}>
          <div>
            <dt>Flow</dt>
            <dd>
              <Link href={`/flows/${conversation.flow.id}`} className={styles.inlineLink} data-testid="detail-flow">
                {conversation.flow.name} · v{conversation.flow.version}
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
            <dt>Assignee</dt>
            <dd>{conversation.assignee?.name ?? 'Bot (unassigned)'}</dd>
          </div>
          <div>
            <dt>Messages</dt>
            <dd>{plural(conversation.messages.length, 'message')}</dd>
          </div>
        </dl>
      </header>
      <Transcript messages={conversation.messages} active={conversation.status === 'active'} />
      <footer className={styles.convFooter}>
        {conversation.status === 'active' ? (
          <>
            <span className={styles.pulse} aria-hidden="true" />
            The bot is handling this conversation. Agent replies and takeover arrive in a later release.
          </>
        ) : (
          <>This conversation is {conversation.status}.</>
        )}
      </footer>
    </div>
  );
}

function Transcript({ messages, active }: { messages: TranscriptMessage[]; active: boolean }) {
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // Follow new messages unless the agent scrolled up to read.
  useEffect(() => {
    const log = logRef.current;
    if (log && stickToBottom.current) log.scrollTop = log.scrollHeight;
  }, [messages.length]);

  return (
    <div
      ref={logRef}
      className={styles.transcript}
      role="log"
      aria-live="polite"
      aria-label="Transcript"
      data-testid="transcript"
      onScroll={(event) => {
        const el = event.currentTarget;
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {messages.length === 0 ? (
        <p className={styles.transcriptEmpty}>{active ? 'Waiting for the first message…' : 'No messages.'}</p>
      ) : (
        messages.map((message, index) => {
          const previous = messages[index - 1];
          const newDay = !previous || shortDate(previous.createdAt) !== shortDate(message.createdAt);
          return (
            <div key={message.id} className={styles.messageGroup}>
              {newDay ? (
                <div className={styles.daySeparator}>
                  <span>{shortDate(message.createdAt)}</span>
                </div>
              ) : null}
              <Message message={message} />
            </div>
          );
        })
      )}
    </div>
  );
}

function Message({ message }: { message: TranscriptMessage }) {
  if (message.author === 'system') {
    return (
      <div className={styles.systemMessage} data-testid={`message-${message.id}`} data-author="system">
        <span>{message.text}</span>
        <time dateTime={message.createdAt} title={fullDateTime(message.createdAt)}>
          {clockTime(message.createdAt)}
        </time>
      </div>
    );
  }
  return (
    <div className={styles.message} data-author={message.author} data-testid={`message-${message.id}`}>
      <div className={styles.messageMeta}>
        <span className={styles.messageAuthor}>
          <Icon name={message.author === 'contact' ? 'user' : message.author === 'bot' ? 'bot' : 'user'} size={12} />
          {authorNames[message.author]}
        </span>
        <time dateTime={message.createdAt} title={fullDateTime(message.createdAt)}>
          {clockTime(message.createdAt)}
        </time>
      </div>
      <div className={styles.messageBubble}>{message.text}</div>
    </div>
  );
}

function CopyableId({ value }: { value: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <span className={styles.copyable}>
      <code data-testid="detail-workflow-id">{value}</code>
      <button
        type="button"
        className="btn btn-ghost btn-sm"
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
        aria-label="Copy workflow id"
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
