import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { ConversationList } from '@/components/inbox/ConversationList';
import styles from '@/components/inbox/inbox.module.css';

export const metadata: Metadata = { title: 'Inbox' };

/** Two panes: the conversation list stays mounted while the transcript on the right changes. */
export default function InboxLayout({ children }: { children: ReactNode }) {
  return (
    <div className={styles.inbox}>
      <ConversationList />
      <div className={styles.detail}>{children}</div>
    </div>
  );
}
