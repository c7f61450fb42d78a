'use client';

import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Icon, EmptyState, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import type { AuditFilter } from '@/lib/api-types';
import { errorMessage } from '@/lib/errors';
import { downloadText } from '@/lib/download';
import { useTRPC } from '@/lib/trpc';
import { AuditEventRow } from './AuditEventRow';
import { AuditFilters } from './AuditFilters';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './settings.module.css';

const PAGE_SIZE = 50;

function AuditLog() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<AuditFilter>({});
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ ...filter, limit: PAGE_SIZE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const exportCsv = useMutation(
    trpc.audit.exportCsv.mutationOptions({
      onSuccess: (result) => downloadText(result.csv, `parley-audit-${new Date().toISOString().slice(0, 10)}.csv`),
    }),
  );
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <>
      <AuditFilters onApply={setFilter} />
      <div className={styles.toolbar}>
        <span className={styles.dim} data-testid="audit-count">
          {events.isSuccess ? `${rows.length}${events.hasNextPage ? '+' : ''} events` : ''}
        </span>
        <button type="button" className="btn btn-sm" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate(filter)} data-testid="audit-export">
          <Icon name="download" size={13} />
          {exportCsv.isPending ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      {exportCsv.isError ? (
        <p className="field-error" role="alert">
          {errorMessage(exportCsv.error)}
        </p>
      ) : null}
      {events.isPending ? (
        <LoadingState label="Loading events…" />
      ) : events.isError ? (
        <ErrorState error={events.error} title="Could not load the audit log" onRetry={() => void events.refetch()} />
      ) : rows.length === 0 ? (
        <div className={listPage.panel}>
          <EmptyState icon="scroll-text" title="No events match" testId="audit-empty">
            Sign-ins, changes to members, keys and flows, and sensitive reads are recorded here.
          </EmptyState>
        </div>
      ) : (
        <>
          <ul className={styles.list} data-testid="audit-events">
            {rows.map((event) => (
              <AuditEventRow key={event.id} event={event} />
            ))}
          </ul>
          {events.hasNextPage ? (
            <div className={styles.more}>
              <button type="button" className="btn" disabled={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()} data-testid="audit-more">
                {events.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : null}
        </>
      )}
    </>
  );
}

/** The audit log: who did what, filterable, page by page, exportable as CSV. */
export function AuditScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Audit log" subtitle="Sign-ins, changes and sensitive reads in this workspace, newest first." />
      <RequirePermission permission="audit:read">
        <AuditLog />
      </RequirePermission>
    </div>
  );
}
