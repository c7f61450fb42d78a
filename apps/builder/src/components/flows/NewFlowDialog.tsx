'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './flows.module.css';

/** Modal form (native <dialog>) that creates a flow and opens it in the editor. */
export function NewFlowDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const ids = { title: useId(), name: useId(), description: useId(), error: useId() };

  const create = useMutation(
    trpc.flows.create.mutationOptions({
      onSuccess: async ({ id }) => {
        await queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
        router.push(`/flows/${id}`);
      },
    }),
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    create.mutate({ name: trimmed, description: description.trim() || undefined });
  }

  return (
    <dialog
      ref={dialogRef}
      className={styles.dialog}
      aria-labelledby={ids.title}
      onClose={() => {
        create.reset();
        setName('');
        setDescription('');
        onClose();
      }}
      data-testid="new-flow-dialog"
    >
      <form onSubmit={submit} className={styles.dialogForm}>
        <h2 id={ids.title} className={styles.dialogTitle}>
          New flow
        </h2>
        <div className="field">
          <label htmlFor={ids.name} className="field-label">
            Name
          </label>
          <input
            id={ids.name}
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="e.g. Support triage"
            maxLength={120}
            required
            autoFocus
          />
        </div>
        <div className="field">
          <label htmlFor={ids.description} className="field-label">
            Description <span className={styles.optional}>(optional)</span>
          </label>
          <textarea
            id={ids.description}
            className="textarea"
            rows={3}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="What this flow is for"
            maxLength={500}
          />
        </div>
        {create.isError ? (
          <p id={ids.error} className="field-error" role="alert">
            {errorMessage(create.error)}
          </p>
        ) : null}
        <div className={styles.dialogActions}>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || create.isPending}>
            {create.isPending ? 'Creating…' : 'Create flow'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
