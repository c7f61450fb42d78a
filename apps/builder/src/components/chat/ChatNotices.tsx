'use client';

import Link from 'next/link';
import { Icon } from '@parley/ui';
import { errorCode, errorMessage } from '@/lib/errors';
import styles from './chat.module.css';

/** The stored conversation could not be resumed (not a 4xx: those are forgotten quietly). */
export function ChatResumeError({ error, onRetry, onStartOver }: { error: unknown; onRetry: () => void; onStartOver: () => void }) {
  return (
    <div className={styles.notice} role="alert" data-testid="chat-resume-error">
      <Icon name="alert-circle" size={16} />
      <div>
        <p className={styles.noticeTitle}>Could not reconnect to your conversation</p>
        <p>{errorMessage(error)}</p>
        <div className={styles.noticeActions}>
          <button type="button" className="btn btn-sm" onClick={onRetry}>
            Try again
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={onStartOver}>
            Start a new one
          </button>
        </div>
      </div>
    </div>
  );
}

/** The conversation could not start; an unpublished flow points to where it is published. */
export function ChatStartError({ error, flowId, onStartOver }: { error: unknown; flowId: string; onStartOver: () => void }) {
  return (
    <div className={styles.notice} role="alert" data-testid="chat-start-error">
      <Icon name="alert-circle" size={16} />
      <div>
        <p className={styles.noticeTitle}>Could not start the conversation</p>
        <p>{errorMessage(error)}</p>
        <div className={styles.noticeActions}>
          <button type="button" className="btn btn-sm" onClick={onStartOver}>
            Try again
          </button>
          <Link href={`/flows/${flowId}`} className="btn btn-sm btn-ghost">
            {errorCode(error) === 'PRECONDITION_FAILED' ? 'Open the flow to publish it' : 'Open the flow'}
          </Link>
        </div>
      </div>
    </div>
  );
}

/** The last line of an ended conversation's log, with how it ended (resolved, closed). */
export function ChatEnded({ status }: { status: string }) {
  return (
    <div className={styles.ended} data-testid="chat-ended" role="status">
      <span>Conversation ended</span>
      <span className={styles.endedStatus}>{status}</span>
    </div>
  );
}
