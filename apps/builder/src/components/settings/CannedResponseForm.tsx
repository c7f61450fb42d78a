'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog, Icon } from '@parley/ui';
import type { CannedRow } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { formErrors } from './TeamForm';
import styles from './settings.module.css';

/** Adds a canned response, or edits (and deletes) the one chosen in the list. */
export function CannedResponseForm({ editing, onDone }: { editing: CannedRow | null; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ids = { shortcut: useId(), title: useId(), body: useId() };
  const [value, setValue] = useState({ shortcut: editing?.shortcut ?? '', title: editing?.title ?? '', body: editing?.body ?? '' });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const done = () => {
    void queryClient.invalidateQueries(trpc.cannedResponses.list.queryFilter());
    setValue({ shortcut: '', title: '', body: '' });
    onDone();
  };
  const create = useMutation(trpc.cannedResponses.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.cannedResponses.update.mutationOptions({ onSuccess: done }));
  const remove = useMutation(trpc.cannedResponses.delete.mutationOptions({ onSuccess: done }));
  const save = editing ? update : create;
  const errors = formErrors(save.error);
  const ready = value.shortcut.trim() && value.title.trim() && value.body.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!ready) return;
    const input = { shortcut: value.shortcut.trim(), title: value.title.trim(), body: value.body.trim() };
    if (editing) update.mutate({ id: editing.id, ...input });
    else create.mutate(input);
  }
  const field = (name: keyof typeof value) => ({
    value: value[name],
    onChange: (event: { target: { value: string } }) => {
      setValue({ ...value, [name]: event.target.value });
      save.reset();
    },
  });

  return (
    <section className={styles.card} aria-labelledby="canned-form-title">
      <h2 id="canned-form-title" className={styles.cardTitle}>
        {editing ? `Edit /${editing.shortcut}` : 'Add a canned response'}
      </h2>
      <form className={styles.stackForm} onSubmit={submit} data-testid="canned-form">
        <div className={styles.formRow}>
          <div className="field">
            <label htmlFor={ids.shortcut} className="field-label">
              Shortcut
            </label>
            <input id={ids.shortcut} className="input" required maxLength={40} placeholder="refund" {...field('shortcut')} data-testid="canned-shortcut" />
            <p className={errors.shortcut ? 'field-error' : 'field-help'}>{errors.shortcut ?? 'One lowercase word, typed after /.'}</p>
          </div>
          <div className="field">
            <label htmlFor={ids.title} className="field-label">
              Title
            </label>
            <input id={ids.title} className="input" required maxLength={80} placeholder="Refund timing" {...field('title')} data-testid="canned-title" />
          </div>
        </div>
        <div className="field">
          <label htmlFor={ids.body} className="field-label">
            Text
          </label>
          <textarea id={ids.body} className="input" required rows={3} maxLength={4000} placeholder="Hi {{contact.name}}, refunds take five working days." {...field('body')} data-testid="canned-body" />
          <p className={errors.body || errors.form ? 'field-error' : 'field-help'}>
            {errors.body ?? errors.form ?? 'Placeholders: {{contact.name}} {{contact.email}} {{agent.name}} {{conversation.id}} and flow variables like {{order_id}}.'}
          </p>
        </div>
        <div className={styles.formButtons}>
          <button type="submit" className="btn btn-primary" disabled={save.isPending || !ready} data-testid="canned-form-submit">
            <Icon name={editing ? 'save' : 'plus'} size={14} />
            {editing ? 'Save' : 'Add canned response'}
          </button>
          {editing ? (
            <>
              <button type="button" className="btn" onClick={onDone}>
                Cancel
              </button>
              <button type="button" className="btn btn-ghost" onClick={() => setConfirmDelete(true)} data-testid="canned-delete">
                <Icon name="trash" size={14} />
                Delete
              </button>
            </>
          ) : null}
        </div>
      </form>
      {editing ? (
        <ConfirmDialog
          open={confirmDelete}
          title={`Delete /${editing.shortcut}?`}
          confirmLabel="Delete"
          pendingLabel="Deleting…"
          pending={remove.isPending}
          error={remove.error ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate({ id: editing.id })}
          onClose={() => setConfirmDelete(false)}
        >
          Agents can no longer insert it.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
