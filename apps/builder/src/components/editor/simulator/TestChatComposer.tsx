'use client';

import { useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import type { useSimulator } from './useSimulator';
import styles from './simulator.module.css';

/** The box in which a tester writes as the customer of a test conversation (simulator, re-run). */
export function TestChatComposer({
  simulator,
  placeholder,
  label,
  testId,
}: {
  simulator: Pick<ReturnType<typeof useSimulator>, 'live' | 'send'>;
  /** Shown while the conversation is not live. */
  placeholder: string;
  label: string;
  testId: string;
}) {
  const { live, send } = simulator;
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const message = text.trim();
    if (!message || !live || send.isPending) return;
    setText('');
    send.mutate(message);
  };
  return (
    <form className={styles.composer} onSubmit={submit}>
      <input
        className="input"
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder={live ? 'Write as the customer…' : placeholder}
        disabled={!live}
        aria-label={label}
        data-testid={testId}
      />
      <button type="submit" className="btn btn-primary btn-icon" aria-label="Send" disabled={!live || !text.trim() || send.isPending}>
        <Icon name="send" size={14} />
      </button>
    </form>
  );
}
