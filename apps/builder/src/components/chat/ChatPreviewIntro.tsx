'use client';

import Link from 'next/link';
import styles from './chat.module.css';

/**
 * What a signed-in teammate previewing the widget sees above it: the flow's name and published
 * version, and a link to the inbox where the conversation shows up live.
 */
export function ChatPreviewIntro({
  flowName,
  publishedVersion,
  conversationId,
}: {
  flowName: string | undefined;
  publishedVersion: number | undefined;
  conversationId: string | undefined;
}) {
  return (
    <div className={styles.intro}>
      <h1 className={styles.introTitle}>Web chat preview</h1>
      <p className={styles.introText}>
        {flowName ? (
          <>
            Chatting with <strong>{flowName}</strong>
            {publishedVersion !== undefined ? ` (published v${publishedVersion})` : ''}.{' '}
          </>
        ) : null}
        This is the widget as a customer sees it. Every conversation shows up live in the{' '}
        <Link href={conversationId ? `/inbox/${conversationId}` : '/inbox'} className={styles.link}>
          inbox
        </Link>
        .
      </p>
    </div>
  );
}
