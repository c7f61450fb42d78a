import type { ReactNode } from 'react';
import { Icon } from '@parley/ui';
import styles from './auth.module.css';

/** The frame of the sign-in screens: the brand, a card with a title, and what goes in it. */
export function AuthCard({ title, subtitle, children, testId }: { title: string; subtitle?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <div className={styles.screen}>
      <div className={styles.brand}>
        <span className={styles.logo} aria-hidden="true">
          P
        </span>
        Parley
      </div>
      <section className={styles.card} aria-labelledby="auth-title" data-testid={testId}>
        <header>
          <h1 id="auth-title" className={styles.title}>
            {title}
          </h1>
          {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
        </header>
        {children}
      </section>
    </div>
  );
}

export function AuthError({ children }: { children: ReactNode }) {
  return (
    <p className={styles.error} role="alert" data-testid="auth-error">
      <Icon name="alert-circle" size={15} />
      <span>{children}</span>
    </p>
  );
}

export function AuthNotice({ children }: { children: ReactNode }) {
  return (
    <p className={styles.notice} role="status" data-testid="auth-notice">
      <Icon name="check-circle" size={15} />
      <span>{children}</span>
    </p>
  );
}
