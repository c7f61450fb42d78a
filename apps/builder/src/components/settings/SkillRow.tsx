'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog, Icon } from '@parley/ui';
import type { SkillRow as Skill } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './settings.module.css';

/** One skill: its name (renamed in place), how many people hold it, delete. */
export function SkillRow({ skill, canManage }: { skill: Skill; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [name, setName] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.skills.list.queryFilter());
    void queryClient.invalidateQueries(trpc.skills.names.queryFilter());
  };
  const rename = useMutation(trpc.skills.rename.mutationOptions({ onSuccess: () => setName(null), onSettled: refresh }));
  const remove = useMutation(trpc.skills.delete.mutationOptions({ onSuccess: () => setConfirmDelete(false), onSettled: refresh }));

  function submit(event: FormEvent) {
    event.preventDefault();
    if (name?.trim()) rename.mutate({ id: skill.id, name: name.trim() });
  }

  return (
    <li className={styles.row} data-testid={`skill-${skill.name}`}>
      {name !== null ? (
        <form className={styles.rowMain} onSubmit={submit}>
          <label htmlFor={nameId} className="sr-only">
            New name for {skill.name}
          </label>
          <input id={nameId} className="input" value={name} maxLength={40} autoFocus onChange={(event) => setName(event.target.value)} data-testid="skill-rename-input" />
          <button type="submit" className="btn btn-sm btn-primary" disabled={rename.isPending || !name.trim()}>
            Save
          </button>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => {
              rename.reset();
              setName(null);
            }}
          >
            Cancel
          </button>
        </form>
      ) : (
        <div className={styles.rowMain}>
          <div className={styles.rowText}>
            <span className={styles.rowName}>{skill.name}</span>
            <span className={styles.rowSub}>
              {skill.agents.length === 0 ? 'Nobody has it yet' : `${skill.agents.length} ${skill.agents.length === 1 ? 'person has' : 'people have'} it`}
            </span>
          </div>
        </div>
      )}
      {canManage && name === null ? (
        <div className={styles.rowActions}>
          <button type="button" className="btn btn-sm" onClick={() => setName(skill.name)} data-testid="skill-rename">
            <Icon name="pencil" size={14} />
            Rename
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setConfirmDelete(true)} data-testid="skill-delete">
            <Icon name="trash" size={14} />
            Delete
          </button>
        </div>
      ) : null}
      {rename.error ? (
        <p className={styles.error} role="alert">
          {errorMessage(rename.error)}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirmDelete}
        title={`Delete the skill “${skill.name}”?`}
        confirmLabel="Delete skill"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate({ id: skill.id })}
        onClose={() => {
          remove.reset();
          setConfirmDelete(false);
        }}
        testId="skill-delete-dialog"
      >
        Everyone’s level for it goes too. A skill that a published flow’s handoff requires cannot be deleted.
      </ConfirmDialog>
    </li>
  );
}
