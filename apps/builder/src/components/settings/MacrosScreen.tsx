'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmDelete, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { MacroRow } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';
import { MacroForm, describeAction } from './MacroForm';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

function MacroItem({ macro, names }: { macro: MacroRow; names: Map<string, string> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(trpc.macros.delete.mutationOptions({ onSettled: () => void queryClient.invalidateQueries(trpc.macros.list.queryFilter()) }));
  return (
    <li className={styles.row} data-testid={`macro-row-${macro.name}`}>
      <div className={styles.rowMain}>
        <div className={styles.rowText}>
          <span className={styles.rowName}>{macro.name}</span>
          <span className={styles.rowSub}>{macro.actions.map((action) => describeAction(action, names)).join(' → ')}</span>
        </div>
      </div>
      <div className={styles.rowActions}>
        <ConfirmDelete title={`Delete the macro “${macro.name}”?`} confirmLabel="Delete macro" deletion={remove} onConfirm={() => remove.mutate({ id: macro.id })}>
          Agents can no longer run it.
        </ConfirmDelete>
      </div>
    </li>
  );
}

function Macros() {
  const trpc = useTRPC();
  const macros = useQuery(trpc.macros.list.queryOptions());
  const labels = useQuery(trpc.labels.list.queryOptions());
  const canned = useQuery(trpc.cannedResponses.list.queryOptions());
  if (macros.isPending || labels.isPending || canned.isPending) return <LoadingState label="Loading macros…" />;
  if (macros.isError) return <ErrorState error={macros.error} title="Could not load macros" onRetry={() => void macros.refetch()} />;
  const names = new Map<string, string>([...(labels.data ?? []).map((label) => [label.id, label.name] as const), ...(canned.data ?? []).map((row) => [row.id, `/${row.shortcut}`] as const)]);
  return (
    <>
      <MacroForm labels={labels.data ?? []} canned={canned.data ?? []} />
      <h2 className={styles.sectionTitle}>Macros · {macros.data.length}</h2>
      {macros.data.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="sparkles" title="No macros yet" testId="macros-empty">
            A macro runs several inbox actions with one click: label, assign, reply, resolve.
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} data-testid="macros">
          {macros.data.map((macro) => (
            <MacroItem key={macro.id} macro={macro} names={names} />
          ))}
        </ul>
      )}
    </>
  );
}

/** Macros: named sequences of inbox actions agents run from a conversation. */
export function MacrosScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Macros" subtitle="Several inbox actions with one click. Checked when saved and again when run: all of it happens, or none." />
      <RequirePermission permission="settings:manage">
        <Macros />
      </RequirePermission>
    </div>
  );
}
