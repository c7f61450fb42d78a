'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDelete, Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { AutomationRuleRow } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { useCan } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';
import { AutomationRuleForm, EVENTS, describePart, emptyRule, type Choices, type RuleDraft } from './AutomationRuleForm';
import { AutomationTestPanel } from './AutomationTestPanel';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

function RuleItem({ rule, choices, onEdit }: { rule: AutomationRuleRow; choices: Choices; onEdit: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries(trpc.automation.list.queryFilter());
  const toggle = useMutation(trpc.automation.setEnabled.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.automation.delete.mutationOptions({ onSettled: refresh }));
  const when = rule.event === 'idle' ? `Idle for ${rule.idleMinutes} min` : (EVENTS[rule.event as keyof typeof EVENTS] ?? rule.event);
  return (
    <li className={styles.row} data-testid={`rule-row-${rule.name}`}>
      <div className={styles.rowMain}>
        <div className={styles.rowText}>
          <span className={styles.rowName}>
            {rule.name} {rule.enabled ? null : <span className={styles.dim}>· off</span>}
          </span>
          <span className={styles.rowSub}>
            {[when, ...rule.conditions.map((condition) => describePart(condition, choices))].join(' · ')} → {rule.actions.map((action) => describePart(action, choices)).join(' → ')}
          </span>
          <span className={styles.rowSub}>Ran {rule.runs} time{rule.runs === 1 ? '' : 's'}</span>
        </div>
      </div>
      <div className={styles.rowActions}>
        <label className={styles.check}>
          <input type="checkbox" checked={rule.enabled} disabled={toggle.isPending} onChange={(event) => toggle.mutate({ id: rule.id, enabled: event.target.checked })} data-testid={`rule-enabled-${rule.name}`} />
          Enabled
        </label>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onEdit} data-testid={`rule-edit-${rule.name}`}>
          <Icon name="pencil" size={14} />
          Edit
        </button>
        <ConfirmDelete title={`Delete the rule “${rule.name}”?`} confirmLabel="Delete rule" deletion={remove} onConfirm={() => remove.mutate({ id: rule.id })}>
          It stops at once; what it already did stays.
        </ConfirmDelete>
      </div>
    </li>
  );
}

function Rules() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const rules = useQuery(trpc.automation.list.queryOptions());
  const labels = useQuery(trpc.labels.list.queryOptions());
  const teams = useQuery(trpc.teams.names.queryOptions());
  const members = useQuery(trpc.members.list.queryOptions());
  const canned = useQuery(trpc.cannedResponses.list.queryOptions());
  const mayUseWebhooks = useCan('webhooks:manage');
  const webhooks = useQuery({ ...trpc.webhooks.list.queryOptions(), enabled: mayUseWebhooks });
  const [editing, setEditing] = useState<{ id: string | null; draft: RuleDraft; key: number }>({ id: null, draft: emptyRule, key: 0 });
  const [testing, setTesting] = useState<RuleDraft | null>(null);
  const done = () => {
    setEditing((current) => ({ id: null, draft: emptyRule, key: current.key + 1 }));
    setTesting(null);
    void queryClient.invalidateQueries(trpc.automation.list.queryFilter());
  };
  const create = useMutation(trpc.automation.create.mutationOptions({ onSuccess: done }));
  const update = useMutation(trpc.automation.update.mutationOptions({ onSuccess: done }));
  if (rules.isPending || labels.isPending || teams.isPending || canned.isPending) return <LoadingState label="Loading rules…" />;
  if (rules.isError) return <ErrorState error={rules.error} title="Could not load rules" onRetry={() => void rules.refetch()} />;
  const choices: Choices = {
    labels: labels.data ?? [],
    teams: teams.data ?? [],
    agents: (members.data?.members ?? []).filter((member) => member.active && member.role !== 'analyst').map((member) => ({ id: member.id, name: member.name })),
    canned: canned.data ?? [],
    webhooks: (webhooks.data ?? []).map((endpoint) => ({ id: endpoint.id, url: endpoint.url })),
  };
  const saving = editing.id ? update : create;
  const save = (rule: RuleDraft) => (editing.id ? update.mutate({ id: editing.id, rule }) : create.mutate(rule));
  return (
    <>
      <section className={styles.card} aria-labelledby="rule-form-title">
        <h2 id="rule-form-title" className={styles.cardTitle}>
          {editing.id ? `Edit “${editing.draft.name}”` : 'Add a rule'}
        </h2>
        <AutomationRuleForm
          key={editing.key}
          initial={editing.draft}
          choices={choices}
          pending={saving.isPending}
          error={saving.error ? errorMessage(saving.error) : null}
          onSave={save}
          onTest={setTesting}
          {...(editing.id ? { onCancel: done } : {})}
        />
        {testing ? <AutomationTestPanel key={JSON.stringify(testing)} rule={testing} onClose={() => setTesting(null)} /> : null}
      </section>
      <h2 className={styles.sectionTitle}>Rules · {rules.data.length}</h2>
      {rules.data.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="sparkles" title="No rules yet" testId="rules-empty">
            A rule acts on its own when something happens: label and route refund requests, nudge a quiet conversation, resolve after a good rating.
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} data-testid="rules">
          {rules.data.map((rule) => (
            <RuleItem
              key={rule.id}
              rule={rule}
              choices={choices}
              onEdit={() => setEditing((current) => ({ id: rule.id, draft: { ...rule, event: rule.event as RuleDraft['event'] }, key: current.key + 1 }))}
            />
          ))}
        </ul>
      )}
    </>
  );
}

/** Automation rules: when something happens to a conversation and the conditions hold, actions run by themselves. */
export function AutomationScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Automation" subtitle="When something happens and every condition holds, the actions run in order, with the rule named in the audit log. A rule never reacts to its own changes." />
      <RequirePermission permission="settings:manage">
        <Rules />
      </RequirePermission>
    </div>
  );
}
