'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { ConfirmDialog } from './confirm-dialog';
import { useErrorText } from './error-text';
import { Icon } from './icon';

/**
 * A row's Delete button and the dialog that confirms it, saying what deleting changes. `deletion`
 * is the delete mutation's state: the dialog shows it pending or failed and closes once it is done.
 */
export function ConfirmDelete({
  title,
  confirmLabel,
  deletion,
  onConfirm,
  children,
}: {
  title: string;
  confirmLabel: string;
  deletion: { isPending: boolean; isSuccess: boolean; error: unknown };
  onConfirm: () => void;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const errorMessage = useErrorText();
  useEffect(() => {
    if (deletion.isSuccess) setOpen(false);
  }, [deletion.isSuccess]);
  return (
    <>
      <button type="button" className="btn btn-sm btn-ghost" onClick={() => setOpen(true)}>
        <Icon name="trash" size={14} />
        Delete
      </button>
      <ConfirmDialog
        open={open}
        title={title}
        confirmLabel={confirmLabel}
        pending={deletion.isPending}
        error={deletion.error ? errorMessage(deletion.error) : null}
        onConfirm={onConfirm}
        onClose={() => setOpen(false)}
      >
        {children}
      </ConfirmDialog>
    </>
  );
}
