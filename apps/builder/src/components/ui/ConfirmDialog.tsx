'use client';

import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Icon } from './Icon';
import styles from './dialog.module.css';

export interface TypedConfirmation {
  /** What the field asks for, e.g. 'Type “Grace Hopper” or ERASE to confirm'. */
  label: string;
  matches: (typed: string) => boolean;
}

/**
 * A modal question before something that cannot be taken back (native <dialog>: focus is
 * trapped, Esc cancels, the page behind is inert). With `typed`, the confirm button waits until
 * the person has typed what it asks for. `error` shows what went wrong, in the dialog.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pendingLabel = 'Working…',
  pending = false,
  error,
  typed,
  onConfirm,
  onClose,
  testId,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pendingLabel?: string;
  pending?: boolean;
  error?: string | null;
  typed?: TypedConfirmation;
  onConfirm: () => void;
  onClose: () => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), body: useId(), typed: useId() };
  const [text, setText] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setText('');
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const ready = !typed || typed.matches(text);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (ready && !pending) onConfirm();
  }

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby={ids.title}
      aria-describedby={ids.body}
      onClose={onClose}
      // While the work runs, Esc must not hide the dialog (and with it the result).
      onCancel={(event) => {
        if (pending) event.preventDefault();
      }}
      data-testid={testId}
    >
      <form className={styles.form} onSubmit={submit}>
        <div className={styles.head}>
          <span className={styles.warnIcon} aria-hidden="true">
            <Icon name="alert-triangle" size={18} />
          </span>
          <h2 id={ids.title} className={styles.title}>
            {title}
          </h2>
        </div>
        <div id={ids.body} className={styles.body}>
          {children}
        </div>
        {typed ? (
          <div className="field">
            <label htmlFor={ids.typed} className="field-label">
              {typed.label}
            </label>
            <input
              id={ids.typed}
              className="input"
              autoComplete="off"
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
              disabled={pending}
              autoFocus
              data-testid="confirm-typed"
            />
          </div>
        ) : null}
        {error ? (
          <p className="field-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className={styles.actions}>
          <button type="button" className="btn" onClick={onClose} disabled={pending} autoFocus={!typed}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={!ready || pending} data-testid="confirm-submit">
            {pending ? pendingLabel : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
