'use client';

import { useEffect, useRef } from 'react';
import { INBOX_SHORTCUTS } from './use-inbox-shortcuts';
import styles from './labels.module.css';

/** The `?` sheet: every inbox shortcut (native <dialog>: Esc closes, focus stays inside). */
export function ShortcutsSheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && dialog && !dialog.open) dialog.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={styles.sheet} aria-labelledby="shortcuts-title" onClose={onClose} data-testid="shortcuts-sheet">
      <h2 id="shortcuts-title" className={styles.sheetTitle}>
        Keyboard shortcuts
      </h2>
      <dl className={styles.sheetList}>
        {INBOX_SHORTCUTS.map((shortcut) => (
          <div key={shortcut.key}>
            <dt>
              <kbd>{shortcut.key}</kbd>
            </dt>
            <dd>{shortcut.does}</dd>
          </div>
        ))}
        <div>
          <dt>
            <kbd>/</kbd>
          </dt>
          <dd>Canned response (in the reply box)</dd>
        </div>
      </dl>
      <p className={styles.sheetNote}>Shortcuts never fire while you type in a field.</p>
      <form method="dialog">
        <button type="submit" className="btn btn-sm" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
