'use client';

import { useEffect, useRef } from 'react';
import { Avatar } from '@/components/ui/Avatar';
import { Icon } from '@parley/ui';
import type { ConversationNoteRow, MessageAuthor, Person, TranscriptMessage } from '@/lib/api-types';
import { clockTime, fullDateTime, shortDate } from '@/lib/format';
import { MessageExtras } from './MessageExtras';
import { MessageDelivery } from './MessageDelivery';
import { NoteItem } from './NoteItem';
import type { PendingReply } from './ReplyComposer';
import styles from './inbox.module.css';

const authorNames = {
  contact: 'Customer',
  bot: 'Bot',
  agent: 'Agent',
  system: 'Note',
} satisfies Record<MessageAuthor, string>;

type TimelineItem = { kind: 'message'; at: string; message: TranscriptMessage } | { kind: 'note'; at: string; note: ConversationNoteRow };

/** Messages and private notes in one timeline, by time (a note and a message of the same instant: the message first). */
function timeline(messages: TranscriptMessage[], notes: ConversationNoteRow[]): TimelineItem[] {
  const items: TimelineItem[] = messages.map((message) => ({ kind: 'message', at: message.createdAt, message }));
  if (notes.length === 0) return items;
  const merged = [...items, ...notes.map((note): TimelineItem => ({ kind: 'note', at: note.createdAt, note }))];
  // Array.prototype.sort is stable: messages keep their seq order among themselves.
  return merged.sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1));
}

export function Transcript({
  messages,
  notes = [],
  pending,
  people,
  me,
  live,
}: {
  messages: TranscriptMessage[];
  /** Private notes and whispers, shown among the messages, styled apart. */
  notes?: ConversationNoteRow[];
  pending: PendingReply[];
  people: Map<string, Person>;
  me: Person | null;
  live: boolean;
}) {
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const items = timeline(messages, notes);

  // Follow new messages unless the agent scrolled up to read.
  useEffect(() => {
    const log = logRef.current;
    if (log && stickToBottom.current) log.scrollTop = log.scrollHeight;
  }, [items.length, pending.length]);

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
      {items.length === 0 && pending.length === 0 ? (
        <p className={styles.transcriptEmpty}>{live ? 'Waiting for the first message…' : 'No messages.'}</p>
      ) : (
        <>
          {items.map((item, index) => {
            const previous = items[index - 1];
            const newDay = !previous || shortDate(previous.at) !== shortDate(item.at);
            return (
              <div key={item.kind === 'message' ? item.message.id : `note-${item.note.id}`} className={styles.messageGroup}>
                {newDay ? (
                  <div className={styles.daySeparator}>
                    <span>{shortDate(item.at)}</span>
                  </div>
                ) : null}
                {item.kind === 'note' ? (
                  <NoteItem note={item.note} me={me} />
                ) : (
                  <Message message={item.message} author={item.message.authorId ? people.get(item.message.authorId) : undefined} me={me} />
                )}
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
      <div
        className={styles.systemMessage}
        data-testid={`message-${message.id}`}
        data-author="system"
        // Notes of several lines (the handoff summary's bullets) read as a block, not centred.
        data-multiline={message.text.includes('\n') || undefined}
        role="note"
      >
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
      <MessageDelivery message={message} />
    </div>
  );
}
