'use client';

import { useId, useState, type ReactNode } from 'react';
import { DialogWarningIcon, FormDialog } from './form-dialog';
import { Icon } from './icon';

export interface TypedConfirmation {
  /** What the field asks for, e.g. 'Type “Grace Hopper” or ERASE to confirm'. */
  label: string;
  matches: (typed: string) => boolean;
}

/**
 * A modal question before something that cannot be taken back. With `typed`, the confirm button
 * waits until the person has typed what it asks for. `error` shows what went wrong, in the dialog.
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
  const typedId = useId();
  const [text, setText] = useState('');
  const ready = !typed || typed.matches(text);

  return (
    <FormDialog
      open={open}
      title={title}
      icon={
        <DialogWarningIcon>
          <Icon name="alert-triangle" size={18} />
        </DialogWarningIcon>
      }
      description={children}
      busy={pending}
      onOpen={() => setText('')}
      onSubmit={() => {
        if (ready && !pending) onConfirm();
      }}
      onClose={onClose}
      testId={testId}
      actions={
        <>
          <button type="button" className="btn" onClick={onClose} disabled={pending} autoFocus={!typed}>
            Cancel
          </button>
          <button type="submit" className="btn btn-danger" disabled={!ready || pending} data-testid="confirm-submit">
            {pending ? pendingLabel : confirmLabel}
          </button>
        </>
      }
    >
      {typed ? (
        <div className="field">
          <label htmlFor={typedId} className="field-label">
            {typed.label}
          </label>
          <input
            id={typedId}
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
    </FormDialog>
  );
}
