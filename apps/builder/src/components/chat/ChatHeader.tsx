'use client';

import type { RefObject } from 'react';
import { Icon } from '@parley/ui';
import styles from './chat.module.css';

/** The connection state as the customer reads it under the widget's title. */
export type ChatConnection = 'ended' | 'with-person' | 'offline' | 'connecting' | 'online';

const connectionText = {
  ended: 'Conversation ended',
  'with-person': 'Our team is on it',
  offline: 'Offline',
  connecting: 'Connecting…',
  online: 'Online · replies instantly',
} satisfies Record<ChatConnection, string>;

/** The widget's header: who answers (bot or a person), the connection state, Call and New. */
export function ChatHeader({
  title,
  connection,
  callButtonRef,
  callDisabled,
  onCall,
  startOverDisabled,
  onStartOver,
}: {
  title: string;
  connection: ChatConnection;
  callButtonRef: RefObject<HTMLButtonElement | null>;
  callDisabled: boolean;
  onCall: () => void;
  startOverDisabled: boolean;
  onStartOver: () => void;
}) {
  return (
    <header className={styles.widgetHeader}>
      <span className={styles.avatar} aria-hidden="true">
        <Icon name={connection === 'with-person' ? 'headset' : 'bot'} size={18} />
      </span>
      <div className={styles.widgetTitles}>
        <h2 className={styles.widgetTitle}>{title}</h2>
        <p className={styles.widgetSubtitle}>{connectionText[connection]}</p>
      </div>
      <button
        ref={callButtonRef}
        type="button"
        className={styles.headerButton}
        onClick={onCall}
        disabled={callDisabled}
        aria-label="Call (voice)"
        data-testid="call-open"
      >
        <Icon name="phone" size={14} />
        Call
      </button>
      <button
        type="button"
        className={styles.headerButton}
        onClick={onStartOver}
        disabled={startOverDisabled}
        aria-label="New conversation"
        title="New conversation"
        data-testid="start-over"
      >
        <Icon name="rotate-ccw" size={14} />
        New
      </button>
    </header>
  );
}
