'use client';

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import styles from './dialog.module.css';

/**
 * A modal form on the native <dialog> (the platform's accessible primitive: focus is trapped and
 * returned, Esc cancels, the page behind is inert): a title, the fields, the actions. `onOpen`
 * runs each time it opens (to reset the fields); while `busy`, Esc does not close it, so the
 * outcome of the work stays on screen.
 */
export function FormDialog({
  open,
  title,
  icon,
  description,
  children,
  actions,
  busy = false,
  wide = false,
  onOpen,
  onSubmit,
  onClose,
  testId,
}: {
  open: boolean;
  title: ReactNode;
  /** Drawn before the title (e.g. a warning sign). */
  icon?: ReactNode;
  /** A line under the title that the dialog is described by. */
  description?: ReactNode;
  children?: ReactNode;
  /** The buttons at the bottom (a submit button submits the form). */
  actions: ReactNode;
  busy?: boolean;
  /** For dialogs with tables or results (up to 720 px). */
  wide?: boolean;
  onOpen?: () => void;
  onSubmit: () => void;
  onClose: () => void;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), description: useId() };
  const onOpenRef = useRef(onOpen);
  onOpenRef.current = onOpen;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      onOpenRef.current?.();
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      data-wide={wide || undefined}
      aria-labelledby={ids.title}
      aria-describedby={description ? ids.description : undefined}
      onClose={onClose}
      onCancel={(event) => {
        if (busy) event.preventDefault();
      }}
      data-testid={testId}
    >
      <form className={styles.form} onSubmit={submit}>
        <div className={styles.head}>
          {icon}
          <h2 id={ids.title} className={styles.title}>
            {title}
          </h2>
        </div>
        {description ? (
          <div id={ids.description} className={styles.body}>
            {description}
          </div>
        ) : null}
        {children}
        <div className={styles.actions}>{actions}</div>
      </form>
    </dialog>
  );
}

/** The warning sign a destructive dialog's title carries. */
export function DialogWarningIcon({ children }: { children: ReactNode }) {
  return (
    <span className={styles.warnIcon} aria-hidden="true">
      {children}
    </span>
  );
}
