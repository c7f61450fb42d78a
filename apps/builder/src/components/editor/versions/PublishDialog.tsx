'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import dialogStyles from '@/components/ui/dialog.module.css';
import styles from './versions.module.css';

const NOTE_MAX = 500;

/** Asks for an optional note before publishing: what changed and why, shown in the history. */
export function PublishDialog({
  open,
  version,
  onPublish,
  onClose,
}: {
  open: boolean;
  /** The number the draft will be published as. */
  version: number;
  onPublish: (note: string) => void;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), note: useId() };
  const [note, setNote] = useState('');

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setNote('');
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function submit(event: FormEvent) {
    event.preventDefault();
    onPublish(note.trim());
  }

  return (
    <dialog ref={ref} className={dialogStyles.dialog} aria-labelledby={ids.title} onClose={onClose} data-testid="publish-dialog">
      <form className={dialogStyles.form} onSubmit={submit}>
        <h2 id={ids.title} className={dialogStyles.title}>
          Publish version {version}
        </h2>
        <p className={dialogStyles.body}>New conversations start on it right away; conversations already running keep their version.</p>
        <div className={`field ${styles.noteField}`}>
          <label htmlFor={ids.note} className="field-label">
            Note (optional)
          </label>
          <textarea
            id={ids.note}
            className="input"
            rows={3}
            maxLength={NOTE_MAX}
            placeholder="What changed, and why"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            autoFocus
            data-testid="publish-note"
          />
        </div>
        <div className={dialogStyles.actions}>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" data-testid="publish-confirm">
            Publish
          </button>
        </div>
      </form>
    </dialog>
  );
}
