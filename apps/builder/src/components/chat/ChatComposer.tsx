'use client';

import { useId, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import { Icon } from '@parley/ui';
import styles from './chat.module.css';

const MAX_LENGTH = 4000;

/**
 * Where the customer writes: Enter sends, Shift+Enter adds a line (not while an input method is
 * composing). Once the conversation has ended it offers a new one in its place.
 */
export function ChatComposer({
  inputRef,
  draft,
  onDraft,
  canSend,
  onSubmit,
  sendError,
  ended,
  connecting,
  disabled,
  hidden,
  onStartOver,
}: {
  inputRef: RefObject<HTMLTextAreaElement | null>;
  draft: string;
  onDraft: (draft: string) => void;
  canSend: boolean;
  onSubmit: (event?: FormEvent) => void;
  sendError: string | null;
  ended: boolean;
  connecting: boolean;
  disabled: boolean;
  hidden: boolean;
  onStartOver: () => void;
}) {
  const errorId = useId();

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSubmit();
    }
  }

  return (
    <form className={styles.composer} onSubmit={onSubmit} hidden={hidden}>
      {sendError ? (
        <p id={errorId} className={styles.sendError} role="alert">
          {sendError}
        </p>
      ) : null}
      {ended ? (
        <button type="button" className={`btn btn-primary ${styles.startOver}`} onClick={onStartOver}>
          <Icon name="rotate-ccw" size={14} />
          Start a new conversation
        </button>
      ) : (
        <div className={styles.inputRow}>
          <textarea
            ref={inputRef}
            className={styles.input}
            aria-label="Message"
            aria-describedby={sendError ? errorId : undefined}
            placeholder={connecting ? 'Connecting…' : 'Write a message…'}
            rows={1}
            maxLength={MAX_LENGTH}
            value={draft}
            disabled={disabled}
            onChange={(event) => onDraft(event.target.value)}
            onKeyDown={onKeyDown}
            data-testid="chat-input"
          />
          <button type="submit" className={styles.send} disabled={!canSend} aria-label="Send" data-testid="chat-send">
            <Icon name="send" size={16} />
          </button>
        </div>
      )}
      <p className={styles.poweredBy}>Powered by Parley</p>
    </form>
  );
}
