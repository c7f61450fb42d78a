'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { CannedRow } from '@/lib/api-types';
import { useTRPC } from '@/lib/trpc';
import { CannedResponseForm } from './CannedResponseForm';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

function CannedResponses() {
  const trpc = useTRPC();
  const list = useQuery(trpc.cannedResponses.list.queryOptions());
  const [editing, setEditing] = useState<CannedRow | null>(null);
  if (list.isPending) return <LoadingState label="Loading canned responses…" />;
  if (list.isError) return <ErrorState error={list.error} title="Could not load canned responses" onRetry={() => void list.refetch()} />;
  return (
    <>
      <CannedResponseForm key={editing?.id ?? 'new'} editing={editing} onDone={() => setEditing(null)} />
      <h2 className={styles.sectionTitle}>Canned responses · {list.data.length}</h2>
      {list.data.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="message-square" title="No canned responses yet" testId="canned-empty">
            Agents insert them by typing / and the shortcut in the reply box.
          </EmptyState>
        </div>
      ) : (
        <ul className={styles.list} data-testid="canned-responses">
          {list.data.map((canned) => (
            <li key={canned.id} className={styles.row} data-testid={`canned-${canned.shortcut}`}>
              <div className={styles.rowMain}>
                <div className={styles.rowText}>
                  <span className={styles.rowName}>
                    /{canned.shortcut} · {canned.title}
                  </span>
                  <span className={styles.rowSub}>{canned.body}</span>
                </div>
              </div>
              <div className={styles.rowActions}>
                <button type="button" className="btn btn-sm" onClick={() => setEditing(canned)} data-testid="canned-edit">
                  <Icon name="pencil" size={14} />
                  Edit
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Canned responses: replies agents insert with `/shortcut`, placeholders filled per conversation. */
export function CannedResponsesScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Canned responses" subtitle="Replies agents insert by typing / in the reply box. {{contact.name}}, {{agent.name}} and flow variables are filled in." />
      <RequirePermission permission="settings:manage">
        <CannedResponses />
      </RequirePermission>
    </div>
  );
}
