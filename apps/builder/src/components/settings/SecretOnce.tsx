'use client';

import { useState, type ReactNode } from 'react';
import { Icon } from '@parley/ui';
import styles from './settings.module.css';

/**
 * A secret the API hands out once (an API key, an invitation link): shown with a copy button
 * and a warning, since the server keeps only its hash.
 */
export function SecretOnce({ title, value, note, onDone, testId }: { title: string; value: string; note: ReactNode; onDone: () => void; testId?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false); // no clipboard (insecure origin): the field is selectable
    }
  }
  return (
    <div className={styles.secret} role="status" data-testid={testId}>
      <p className={styles.secretTitle}>{title}</p>
      <div className={styles.secretRow}>
        <input className={`input ${styles.secretValue}`} readOnly value={value} aria-label={title} onFocus={(event) => event.target.select()} data-testid="secret-value" />
        <button type="button" className="btn" onClick={() => void copy()} data-testid="secret-copy">
          <Icon name={copied ? 'check' : 'copy'} size={14} />
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p className={styles.dim}>{note}</p>
      <div>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onDone}>
          Done
        </button>
      </div>
    </div>
  );
}
