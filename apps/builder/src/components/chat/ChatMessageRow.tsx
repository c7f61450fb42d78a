'use client';

import { Icon } from '@parley/ui';
import type { ChatAuthor, ChatMessage } from '@/lib/chat-messages';
import { clockTime } from '@/lib/format';
import styles from './chat.module.css';
import { ChatAttachment, ChatSources, QuickReplies } from './MessageExtras';

/** How each author is named to the customer (and to screen readers). */
const authorLabel = {
  contact: 'You',
  bot: 'Assistant',
  agent: 'Support team',
} satisfies Record<ChatAuthor, string>;

/**
 * One message of the web chat's log: the avatar and (for an agent) the name on the first of a
 * run by the same author, the bubble, its attachment and sources, the time (or "Not delivered"
 * with Try again) and, under the bot's latest message, its quick replies.
 */
export function ChatMessageRow({
  message,
  firstOfRun,
  quickReplies,
  onRetry,
  sending,
  onPickQuickReply,
}: {
  message: ChatMessage;
  firstOfRun: boolean;
  /** The bot's offer shown under this message, if any. */
  quickReplies: string[] | null;
  /** Set when this failed message may be sent again. */
  onRetry: (() => void) | null;
  sending: boolean;
  onPickQuickReply: (text: string) => void;
}) {
  return (
    <div
      className={styles.row}
      data-author={message.author}
      data-first={firstOfRun || undefined}
      data-testid={`chat-message-${message.author}`}
    >
      {message.author !== 'contact' ? (
        <span className={styles.rowAvatar} data-author={message.author} aria-hidden="true">
          {firstOfRun ? <Icon name={message.author === 'agent' ? 'headset' : 'bot'} size={14} /> : null}
        </span>
      ) : null}
      <div className={styles.rowBody}>
        {message.author === 'agent' && firstOfRun ? (
          <span className={styles.rowName} aria-hidden="true" data-testid="chat-agent-name">
            {message.authorName ?? authorLabel.agent}
          </span>
        ) : null}
        <div className={styles.bubble} data-failed={message.failed || undefined}>
          <span className="sr-only">{message.authorName ?? authorLabel[message.author]}: </span>
          {message.text}
        </div>
        <ChatAttachment url={message.meta?.mediaUrl} />
        {message.author === 'bot' ? <ChatSources meta={message.meta} /> : null}
        <time className={styles.time} dateTime={message.createdAt}>
          {message.failed ? 'Not delivered' : clockTime(message.createdAt)}
        </time>
        {onRetry ? (
          <button type="button" className={styles.retry} disabled={sending} onClick={onRetry}>
            Try again
          </button>
        ) : null}
        {quickReplies ? <QuickReplies options={quickReplies} disabled={sending} onPick={onPickQuickReply} /> : null}
      </div>
    </div>
  );
}

/** The bot "typing": three dots in a bot bubble, announced to screen readers. */
export function TypingIndicator() {
  return (
    <div className={styles.row} data-author="bot" data-first data-testid="typing-indicator">
      <span className={styles.rowAvatar} data-author="bot" aria-hidden="true">
        <Icon name="bot" size={14} />
      </span>
      <div className={styles.rowBody}>
        <div className={`${styles.bubble} ${styles.typing}`} role="status" aria-label="Assistant is typing">
          <span />
          <span />
          <span />
        </div>
      </div>
    </div>
  );
}
