'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDelete, Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { SlaPolicyRow } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import { formErrors } from './TeamForm';
import { ON_BREACH, SlaPolicyForm, emptyPolicy, type PolicyDraft } from './SlaPolicyForm';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

const any = (list: string[], what: string) => (list.length === 0 ? `any ${what}` : list.join(', '));

function PolicyItem({ policy, onEdit }: { policy: SlaPolicyRow; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries(trpc.slaPolicies.list.queryFilter());
  const remove = useMutation(trpc.slaPolicies.delete.mutationOptions({ onSettled: refresh }));
  const config = policy.config;
  return (
    <li className={styles.row} data-testid={`policy-row-${policy.name}`}>
      <div className={styles.rowMain}>
        <div className={styles.rowText}>
          <span className={styles.rowName}>
            {policy.position}. {policy.name} {policy.enabled ? null : <span className={styles.dim}>· off</span>}
          </span>
          <span className={styles.rowSub}>
            {any(policy.teams, 'team')} · {any(policy.priorities, 'priority')} · {any(policy.channels, 'channel')}
          </span>
          <span className={styles.rowSub}>
            {config
              ? `First response ${config.firstResponse} min · next ${config.nextResponse} min · resolution ${config.resolution} min · ${config.hours} (${config.timeZone}) · ${ON_BREACH[config.onBreach]}`
              : 'Not valid any more: edit it'}
          </span>
        </div>
      </div>
      <div className={styles.rowActions}>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onEdit} disabled={!config} data-testid={`policy-edit-${policy.name}`}>
          <Icon name="pencil" size={14} />
          Edit
        </button>
        <ConfirmDelete title={`Delete the SLA policy “${policy.name}”?`} confirmLabel="Delete policy" deletion={remove} onConfirm={() => remove.mutate({ id: policy.id })}>
          Conversations already handed off keep their clocks; new handoffs no longer get it.
        </ConfirmDelete>
      </div>
    </li>
  );
}

function Policies() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const policies = useQuery(trpc.slaPolicies.list.queryOptions());
  const teams = useQuery(trpc.teams.names.queryOptions());
  const [editing, setEditing] = useState<{ id: string | null; draft: PolicyDraft; key: number }>({ id: null, draft: emptyPolicy, key: 0 });
  const done = () => {
    setEditing((current) => ({ id: null, draft: emptyPolicy, key: current.key + 1 }));
    void queryClient.invalidateQueries(trpc.slaPolicies.list.queryFilter());
  };
  const create = useMutation(trpc.slaPolicies.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.slaPolicies.update.mutationOptions({ onSuccess: done }));
  if (policies.isPending || teams.isPending) return <LoadingState label="Loading SLA policies…" />;
  if (policies.isError) return <ErrorState error={policies.error} title="Could not load SLA policies" onRetry={() => void policies.refetch()} />;
  const saving = editing.id ? update : create;
  // The API's reason at its field (the calendar's, a target's), not the whole list of issues.
  const fields = formErrors(saving.error);
  const error = saving.error ? (fields.config ?? fields.name ?? fields.teams ?? fields.form ?? Object.values(fields)[0] ?? errorMessage(saving.error)) : null;
  return (
    <>
      <section className={styles.card} aria-labelledby="policy-form-title">
        <h2 id="policy-form-title" className={styles.cardTitle}>
          {editing.id ? `Edit “${editing.draft.name}”` : 'Add an SLA policy'}
        </h2>
        <SlaPolicyForm
          key={editing.key}
          initial={editing.draft}
          teams={(teams.data ?? []).map((team) => team.name)}
          pending={saving.isPending}
          error={error}
          onSave={(policy) => (editing.id ? update.mutate({ id: editing.id, policy }) : create.mutate(policy))}
          {...(editing.id ? { onCancel: done } : {})}
        />
      </section>
      <h2 className={styles.sectionTitle}>SLA policies · {policies.data.length}</h2>
      {policies.data.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="timer" title="No SLA policies yet" testId="policies-empty">
            A policy gives every handoff of a team, priority or channel response and resolution targets, without an SLA node in each flow.
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} data-testid="policies">
          {policies.data.map((policy) => (
            <PolicyItem
              key={policy.id}
              policy={policy}
              onEdit={() => policy.config && setEditing((current) => ({ id: policy.id, draft: { ...policy, config: policy.config! }, key: current.key + 1 }))}
            />
          ))}
        </ul>
      )}
    </>
  );
}

/** Workspace SLA policies: targets, business hours and the escalation ladder, by team, priority and channel. */
export function SlaPoliciesScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader
        title="SLA policies"
        subtitle="Applied when a conversation is handed to a person and its flow set no SLA: the first enabled policy whose team, priority and channel match. A flow's SLA node always wins."
      />
      <RequirePermission permission="settings:manage">
        <Policies />
      </RequirePermission>
    </div>
  );
}
