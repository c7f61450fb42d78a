'use client';

import type { ReactNode } from 'react';
import { useErrorText } from './error-text';
import { Icon } from './icon';
import styles from './states.module.css';

/** A centred placeholder for "nothing here yet", with an optional call to action. */
export function EmptyState({
  icon,
  title,
  children,
  action,
  testId,
}: {
  icon: string;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={styles.state} data-testid={testId}>
      <div className={styles.iconTile}>
        <Icon name={icon} size={20} />
      </div>
      <h2 className={styles.title}>{title}</h2>
      {children ? <p className={styles.text}>{children}</p> : null}
      {action ? <div className={styles.action}>{action}</div> : null}
    </div>
  );
}

/** An error from a query or mutation, with a retry button when one makes sense. */
export function ErrorState({
  error,
  title = 'Something went wrong',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  const errorMessage = useErrorText();
  return (
    <div className={styles.state} role="alert" data-testid="error-state">
      <div className={`${styles.iconTile} ${styles.iconDanger}`}>
        <Icon name="alert-circle" size={20} />
      </div>
      <h2 className={styles.title}>{title}</h2>
      <p className={styles.text}>{errorMessage(error)}</p>
      {onRetry ? (
        <div className={styles.action}>
          <button type="button" className="btn" onClick={onRetry}>
            <Icon name="refresh" size={14} />
            Try again
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** A spinner with a label, for whole-pane loading. */
export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className={styles.state} role="status" aria-live="polite" data-testid="loading-state">
      <span className="spinner" aria-hidden="true" />
      <p className={styles.text}>{label}</p>
    </div>
  );
}
