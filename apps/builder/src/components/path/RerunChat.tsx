'use client';

import { useState, type FormEvent } from 'react';
import { Icon } from '@/components/ui/Icon';
import { errorMessage } from '@/lib/errors';
import type { useSimulator } from '../editor/simulator/useSimulator';
import chat from '../editor/simulator/simulator.module.css';
import styles from './path.module.css';

/** The test conversation a "re-run from this step" started: chat with it as the customer. */
export function RerunChat({
  simulator,
  titleOf,
  onClose,
}: {
  simulator: ReturnType<typeof useSimulator>;
  titleOf: (nodeId: string) => string;
  onClose: () => void;
}) {
  const { conversation, live, messages, trace, send } = simulator;
  const [text, setText] = useState('');
  const first = trace?.steps[0]?.nodeId;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message || !live || send.isPending) return;
    setText('');
    send.mutate(message);
  };
  return (
    <section className={styles.rerun} data-testid="path-rerun-chat">
      <header className={styles.rerunHead}>
        <h2 className={styles.rerunTitle}>Re-run{first ? ` from ${titleOf(first)}` : ''}</h2>
        {conversation ? (
          <span className="badge" data-testid="path-rerun-status">
            {conversation.status}
          </span>
        ) : null}
        <button type="button" className="btn btn-ghost btn-sm" onClick={onClose} data-testid="path-rerun-close">
          <Icon name="arrow-left" size={13} />
          Timeline
        </button>
      </header>
      <p className={styles.hint}>A test conversation of this version: nothing reaches the inbox or the analytics.</p>
      {send.error ? (
        <p className={styles.entryError} role="alert">
          {errorMessage(send.error)}
        </p>
      ) : null}
      <div className={chat.chat}>
        <div className={chat.log} aria-live="polite" data-testid="path-rerun-log">
          {messages.map((message) => (
            <p key={message.id} className={chat.bubble} data-author={message.author}>
              {message.text}
            </p>
          ))}
          {conversation && !live ? <p className={chat.hint}>The conversation is {conversation.status}.</p> : null}
        </div>
        <form className={chat.composer} onSubmit={submit}>
          <input
            className="input"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder={live ? 'Write as the customer…' : 'The test has ended'}
            disabled={!live}
            aria-label="Message to the re-run"
            data-testid="path-rerun-input"
          />
          <button type="submit" className="btn btn-primary btn-icon" aria-label="Send" disabled={!live || !text.trim() || send.isPending}>
            <Icon name="send" size={14} />
          </button>
        </form>
      </div>
    </section>
  );
}
