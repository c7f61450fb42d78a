'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { useTRPC } from '@/lib/trpc';
import { LabelRow } from './LabelRow';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import { formErrors } from './TeamForm';
import styles from './settings.module.css';

/** A new label starts with a colour that reads well as a chip on white and on dark. */
const DEFAULT_COLOR = '#2563eb';

function CreateLabel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const nameId = useId();
  const colorId = useId();
  const [name, setName] = useState('');
  const [color, setColor] = useState(DEFAULT_COLOR);
  const create = useMutation(
    trpc.labels.create.mutationOptions({
      onSuccess: () => {
        setName('');
        void queryClient.invalidateQueries(trpc.labels.list.queryFilter());
      },
    }),
  );
  const errors = formErrors(create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (name.trim()) create.mutate({ name: name.trim(), color });
  }
  return (
    <section className={styles.card} aria-labelledby="create-label-title">
      <h2 id="create-label-title" className={styles.cardTitle}>
        Add a label
      </h2>
      <form className={styles.formRow} onSubmit={submit} data-testid="label-form">
        <div className="field">
          <label htmlFor={nameId} className="field-label">
            Name
          </label>
          <input
            id={nameId}
            className="input"
            required
            maxLength={40}
            placeholder="vip"
            value={name}
            aria-invalid={errors.name || errors.form ? true : undefined}
            onChange={(event) => {
              setName(event.target.value);
              create.reset();
            }}
            data-testid="label-name"
          />
          <p className={errors.name || errors.form ? 'field-error' : 'field-help'}>{errors.name ?? errors.form ?? 'Agents tag conversations with it: billing, vip, bug.'}</p>
        </div>
        <div className="field">
          <label htmlFor={colorId} className="field-label">
            Colour
          </label>
          <input id={colorId} type="color" className={styles.colorInput} value={color} onChange={(event) => setColor(event.target.value)} data-testid="label-color" />
        </div>
        <div className={styles.formButtons}>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !name.trim()} data-testid="label-form-submit">
            <Icon name="plus" size={14} />
            Add label
          </button>
        </div>
      </form>
    </section>
  );
}

function Labels() {
  const trpc = useTRPC();
  const labels = useQuery(trpc.labels.list.queryOptions());
  if (labels.isPending) return <LoadingState label="Loading labels…" />;
  if (labels.isError) return <ErrorState error={labels.error} title="Could not load labels" onRetry={() => void labels.refetch()} />;
  return (
    <>
      <CreateLabel />
      <h2 className={styles.sectionTitle}>Labels · {labels.data.length}</h2>
      {labels.data.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="tag" title="No labels yet" testId="labels-empty">
            Labels sort conversations into what they are about, for agents and for reports.
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} data-testid="labels">
          {labels.data.map((label) => (
            <LabelRow key={label.id} label={label} />
          ))}
        </ul>
      )}
    </>
  );
}

/** Labels: the tags agents put on conversations. Admins keep the list. */
export function LabelsScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Labels" subtitle="Tags agents put on conversations, shown as coloured chips in the inbox." />
      <RequirePermission permission="settings:manage">
        <Labels />
      </RequirePermission>
    </div>
  );
}
