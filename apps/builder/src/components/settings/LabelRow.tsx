'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { LabelChip } from '@/components/inbox/LabelChip';
import { ConfirmDialog, Icon } from '@parley/ui';
import type { LabelRow as Label } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './settings.module.css';

/** One label: its chip, edited in place (name and colour), delete. */
export function LabelRow({ label }: { label: Label }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [editing, setEditing] = useState<{ name: string; color: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => void queryClient.invalidateQueries(trpc.labels.list.queryFilter());
  const update = useMutation(trpc.labels.update.mutationOptions({ onSuccess: () => setEditing(null), onSettled: refresh }));
  const remove = useMutation(trpc.labels.delete.mutationOptions({ onSuccess: () => setConfirmDelete(false), onSettled: refresh }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (editing?.name.trim()) update.mutate({ id: label.id, name: editing.name.trim(), color: editing.color });
  }

  return (
    <li className={styles.row} data-testid={`label-${label.name}`}>
      {editing ? (
        <form className={styles.rowMain} onSubmit={submit}>
          <label htmlFor={nameId} className="sr-only">
            New name for {label.name}
          </label>
          <input id={nameId} className="input" value={editing.name} maxLength={40} autoFocus onChange={(event) => setEditing({ ...editing, name: event.target.value })} />
          <input type="color" className={styles.colorInput} aria-label="Colour" value={editing.color} onChange={(event) => setEditing({ ...editing, color: event.target.value })} />
          <button type="submit" className="btn btn-sm btn-primary" disabled={update.isPending || !editing.name.trim()}>
            Save
          </button>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              update.reset();
              setEditing(null);
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <div className={styles.rowMain}>
          <LabelChip label={label} />
        </div>
      )}
      {editing === null ? (
        <div className={styles.rowActions}>
          <button type="button" className="btn btn-sm" onClick={() => setEditing({ name: label.name, color: label.color })} data-testid="label-edit">
            <Icon name="pencil" size={14} />
            Edit
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirmDelete(true)} data-testid="label-delete">
            <Icon name="trash" size={14} />
            Delete
          </button>
        </div>
      ) : null}
      {update.error ? (
        <p className={styles.error} role="alert">
          {errorMessage(update.error)}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete the label “${label.name}”?`}
        confirmLabel="Delete label"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ id: label.id })}
        onClose={() => {
          remove.reset();
          setConfirmDelete(false);
        }}
        testId="label-delete-dialog"
      >
        It comes off every conversation that has it.
      </ConfirmDialog>
    </li>
  );
}
