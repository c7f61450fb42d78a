'use client';

import { useEffect } from 'react';
import { Icon } from '@parley/ui';
import styles from './editor.module.css';

export type Banner = { kind: 'success' | 'error'; text: string };

/** The editor's message over the canvas; a success goes away by itself after a few seconds. */
export function EditorBanner({ banner, onDismiss }: { banner: Banner | null; onDismiss: () => void }) {
  useEffect(() => {
    if (banner?.kind !== 'success') return;
    const timer = setTimeout(onDismiss, 6000);
    return () => clearTimeout(timer);
  }, [banner, onDismiss]);

  if (!banner) return null;
  return (
    <div className={styles.banner} data-kind={banner.kind} role={banner.kind === 'error' ? 'alert' : 'status'} data-testid="editor-banner">
      <Icon name={banner.kind === 'error' ? 'alert-circle' : 'check-circle'} size={15} />
      <span>{banner.text}</span>
      <button type="button" className="btn btn-ghost btn-sm btn-icon" aria-label="Dismiss" onClick={onDismiss}>
        <Icon name="x" size={13} />
      </button>
    </div>
  );
}
