'use client';

import { Icon } from '@parley/ui';
import { errorMessage } from '@/lib/errors';
import type { useSimulator } from '../editor/simulator/useSimulator';
import chat from '../editor/simulator/simulator.module.css';
import { TestChatComposer } from '../editor/simulator/TestChatComposer';
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
  const first = trace?.steps[0]?.nodeId;
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
        <TestChatComposer simulator={simulator} placeholder="The test has ended" label="Message to the re-run" testId="path-rerun-input" />
      </div>
    </section>
  );
}
