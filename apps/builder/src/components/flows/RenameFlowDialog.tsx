'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './flows.module.css';

export interface FlowNaming {
  id: string;
  name: string;
  description: string;
}

/** Modal form (native <dialog>) to rename a flow and change its description. */
export function RenameFlowDialog({ flow, onClose }: { flow: FlowNaming | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const ids = { title: useId(), name: useId(), description: useId() };

  const rename = useMutation(
    trpc.flows.rename.mutationOptions({
      onSuccess: async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() }),
          flow ? queryClient.invalidateQueries({ queryKey: trpc.flows.get.queryKey({ id: flow.id }) }) : null,
        ]);
        onClose();
      },
    }),
  );

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (flow && !dialog.open) {
      setName(flow.name);
      setDescription(flow.description);
      dialog.showModal();
    }
    if (!flow && dialog.open) dialog.close();
  }, [flow]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!flow || !name.trim()) return;
    rename.mutate({ id: flow.id, name: name.trim(), description: description.trim() });
  }

  return (
    <dialog
      ref={dialogRef}
      className={styles.dialog}
      aria-labelledby={ids.title}
      onClose={() => {
        rename.reset();
        onClose();
      }}
      data-testid="rename-flow-dialog"
    >
      <form onSubmit={submit} className={styles.dialogForm}>
        <h2 id={ids.title} className={styles.dialogTitle}>
          Rename flow
        </h2>
        <div className="field">
          <label htmlFor={ids.name} className="field-label">
            Name
          </label>
          <input id={ids.name} className="input" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required autoFocus />
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
            maxLength={500}
          />
        </div>
        {rename.isError ? (
          <p className="field-error" role="alert">
            {errorMessage(rename.error)}
          </p>
        ) : null}
        <div className={styles.dialogActions}>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={!name.trim() || rename.isPending}>
            {rename.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
