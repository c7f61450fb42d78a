'use client';

import { useEffect, useRef } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Icon } from '@/components/ui/Icon';
import type { MessageAuthor, Person, TranscriptMessage } from '@/lib/api-types';
import { clockTime, fullDateTime, shortDate } from '@/lib/format';
import { MessageExtras } from './MessageExtras';
import type { PendingReply } from './ReplyComposer';
import styles from './inbox.module.css';

const authorNames = {
  contact: 'Customer',
  bot: 'Bot',
  agent: 'Agent',
  system: 'Note',
} satisfies Record<MessageAuthor, string>;

export function Transcript({
  messages,
  pending,
  people,
  me,
  live,
}: {
  messages: TranscriptMessage[];
  pending: PendingReply[];
  people: Map<string, Person>;
  me: Person | null;
  live: boolean;
}) {
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // Follow new messages unless the agent scrolled up to read.
  useEffect(() => {
    const log = logRef.current;
    if (log && stickToBottom.current) log.scrollTop = log.scrollHeight;
  }, [messages.length, pending.length]);

  return (
    <div
      ref={logRef}
      className={styles.transcript}
      role="log"
      aria-live="polite"
      aria-label="Transcript"
      data-testid="transcript"
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        stickToBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {messages.length === 0 && pending.length === 0 ? (
        <p className={styles.transcriptEmpty}>{live ? 'Waiting for the first message…' : 'No messages.'}</p>
      ) : (
        <>
          {messages.map((message, index) => {
            const previous = messages[index - 1];
            const newDay = !previous || shortDate(previous.createdAt) !== shortDate(message.createdAt);
            return (
              <div key={message.id} className={styles.messageGroup}>
                {newDay ? (
                  <div className={styles.daySeparator}>
                    <span>{shortDate(message.createdAt)}</span>
                  </div>
                ) : null}
                <Message message={message} author={message.authorId ? people.get(message.authorId) : undefined} me={me} />
              </div>
            );
          })}
          {pending.map((reply) => (
            <div
              key={reply.localId}
              className={styles.message}
              data-author="agent"
              data-pending={reply.error ? undefined : true}
              data-failed={reply.error ? true : undefined}
              data-testid="pending-reply"
            >
              <div className={styles.messageMeta}>
                <span className={styles.messageAuthor}>{me?.name ?? 'Agent'} (you)</span>
                <span role={reply.error ? 'alert' : undefined}>{reply.error ?? 'Sending…'}</span>
              </div>
              <div className={styles.messageBubble}>{reply.text}</div>
            </div>
          ))}
        </>
      )}
    </div>
  );
}

function Message({ message, author, me }: { message: TranscriptMessage; author: Person | undefined; me: Person | null }) {
  if (message.author === 'system') {
    return (
      <div className={styles.systemMessage} data-testid={`message-${message.id}`} data-author="system" role="note">
        <Icon name="info" size={12} />
        <span>{message.text}</span>
        <time dateTime={message.createdAt} title={fullDateTime(message.createdAt)}>
          {clockTime(message.createdAt)}
        </time>
      </div>
    );
  }
  const agentName = message.author === 'agent' ? (author?.name ?? 'Agent') : null;
  return (
    <div className={styles.message} data-author={message.author} data-testid={`message-${message.id}`}>
      <div className={styles.messageMeta}>
        <span className={styles.messageAuthor}>
          {agentName ? (
            <Avatar name={agentName} id={message.authorId ?? undefined} size={16} />
          ) : (
            <Icon name={message.author === 'bot' ? 'bot' : 'user'} size={12} />
          )}
          {agentName ?? authorNames[message.author]}
          {message.author === 'agent' && me && message.authorId === me.id ? ' (you)' : null}
        </span>
        <time dateTime={message.createdAt} title={fullDateTime(message.createdAt)}>
          {clockTime(message.createdAt)}
        </time>
      </div>
      <div className={styles.messageBubble}>{message.text}</div>
      {message.author === 'bot' || message.author === 'contact' ? <MessageExtras meta={message.meta} /> : null}
    </div>
  );
}
