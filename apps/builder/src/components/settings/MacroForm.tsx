'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import type { CannedRow, LabelRow, MacroRow } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';
import { formErrors } from './TeamForm';
import styles from './settings.module.css';

type Action = MacroRow['actions'][number];
const KINDS = [
  { type: 'addLabel', title: 'Add label' },
  { type: 'removeLabel', title: 'Remove label' },
  { type: 'assign', title: 'Assign to me' },
  { type: 'cannedReply', title: 'Send canned reply' },
  { type: 'addNote', title: 'Add private note' },
  { type: 'resolve', title: 'Resolve' },
] as const;

/** One line per action, for the list: "Add label vip → Send /thanks → Resolve". */
export function describeAction(action: Action, names: Map<string, string>): string {
  switch (action.type) {
    case 'addLabel':
      return `Add label ${names.get(action.labelId) ?? '(deleted)'}`;
    case 'removeLabel':
      return `Remove label ${names.get(action.labelId) ?? '(deleted)'}`;
    case 'assign':
      return [action.team ? `Transfer to ${action.team}` : null, action.agentId === 'me' ? 'Assign to the runner' : action.agentId ? 'Assign' : 'Unassign'].filter(Boolean).join(', ');
    case 'cannedReply':
      return `Send ${names.get(action.cannedResponseId) ?? '(deleted)'}`;
    case 'addNote':
      return `Note: “${action.text}”`;
    case 'resolve':
      return 'Resolve';
  }
}

/** Builds a macro: a name and actions added one by one (resolve, if any, last). */
export function MacroForm({ labels, canned }: { labels: LabelRow[]; canned: CannedRow[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const [name, setName] = useState('');
  const [actions, setActions] = useState<Action[]>([]);
  const [kind, setKind] = useState<Action['type']>('addLabel');
  const [target, setTarget] = useState('');
  const create = useMutation(
    trpc.macros.create.mutationOptions({
      onSuccess: () => {
        setName('');
        setActions([]);
        void queryClient.invalidateQueries(trpc.macros.list.queryFilter());
      },
    }),
  );
  const errors = formErrors(create.error);
  const names = new Map<string, string>([...labels.map((label) => [label.id, label.name] as const), ...canned.map((row) => [row.id, `/${row.shortcut}`] as const)]);
  const options = kind === 'addLabel' || kind === 'removeLabel' ? labels.map((label) => ({ id: label.id, name: label.name })) : kind === 'cannedReply' ? canned.map((row) => ({ id: row.id, name: `/${row.shortcut}` })) : [];

  function add() {
    const chosen = target || options[0]?.id;
    const action: Action | null =
      kind === 'resolve'
        ? { type: 'resolve' }
        : kind === 'assign'
          ? { type: 'assign', agentId: 'me' }
          : kind === 'addNote'
            ? target.trim()
              ? { type: 'addNote', text: target.trim() }
              : null
            : !chosen
              ? null
              : kind === 'cannedReply'
                ? { type: 'cannedReply', cannedResponseId: chosen }
                : { type: kind, labelId: chosen };
    if (action) setActions([...actions, action]);
    setTarget('');
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim() && actions.length > 0) create.mutate({ name: name.trim(), actions });
  }

  return (
    <section className={styles.card} aria-labelledby="macro-form-title">
      <h2 id="macro-form-title" className={styles.cardTitle}>
        Add a macro
      </h2>
      <form className={styles.stackForm} onSubmit={submit} data-testid="macro-form">
        <div className="field">
          <label htmlFor={nameId} className="field-label">
            Name
          </label>
          <input id={nameId} className="input" required maxLength={80} placeholder="Billing follow-up" value={name} onChange={(event) => setName(event.target.value)} data-testid="macro-name" />
        </div>
        <ol className={styles.macroSteps} data-testid="macro-steps">
          {actions.map((action, i) => (
            <li key={i}>
              {describeAction(action, names)}
              <button type="button" className="btn btn-sm btn-ghost" aria-label="Remove this action" onClick={() => setActions(actions.filter((_, j) => j !== i))}>
                <Icon name="x" size={12} />
              </button>
            </li>
          ))}
        </ol>
        <div className={styles.formRow}>
          <select className="select" aria-label="Action" value={kind} onChange={(event) => setKind(event.target.value as Action['type'])} data-testid="macro-kind">
            {KINDS.map((k) => (
              <option key={k.type} value={k.type}>
                {k.title}
              </option>
            ))}
          </select>
          {options.length > 0 ? (
            <select className="select" aria-label="Which" value={target || options[0]!.id} onChange={(event) => setTarget(event.target.value)} data-testid="macro-target">
              {options.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          ) : kind === 'addNote' ? (
            <input className="input" aria-label="Note text" maxLength={2000} placeholder="Customer asked for a refund" value={target} onChange={(event) => setTarget(event.target.value)} data-testid="macro-note-text" />
          ) : null}
          <button type="button" className="btn btn-sm" onClick={add} data-testid="macro-add-action">
            <Icon name="plus" size={13} />
            Add action
          </button>
        </div>
        {errors.form || errors.actions || errors.name ? <p className="field-error">{errors.form ?? errors.actions ?? errors.name}</p> : null}
        <div className={styles.formButtons}>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim() || actions.length === 0} data-testid="macro-form-submit">
            Save macro
          </button>
        </div>
      </form>
    </section>
  );
}
