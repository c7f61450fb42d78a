'use client';

import type { AppRouter } from '@parley/api';
import type { inferInput, inferOutput, TRPCOptionsProxy } from '@trpc/tanstack-react-query';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { useTRPC } from '@/lib/trpc';
import styles from './analytics.module.css';
import { deliveryOf, NO_DELIVERY, ReportDelivery, scheduleOf, type Delivery } from './ReportDelivery';

type Api = TRPCOptionsProxy<AppRouter>['reports'];
type SavedReport = inferOutput<Api['list']>[number];
type Current = Omit<inferInput<Api['save']>, 'id' | 'name' | 'schedule'>;

/** The workspace's saved reports: open one, save the current one as new, update or delete the open one. */
export function SavedReports({ current, onOpen }: { current: Current; onOpen: (report: SavedReport) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.reports.list.queryOptions());
  const [openId, setOpenId] = useState('');
  const [name, setName] = useState<string | null>(null);
  const [delivery, setDelivery] = useState<Delivery>(NO_DELIVERY);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.reports.list.queryKey() });
  const save = useMutation(
    trpc.reports.save.mutationOptions({
      onSuccess: ({ id }) => {
        setOpenId(id);
        setName(null);
        void refresh();
      },
    }),
  );
  const remove = useMutation(trpc.reports.delete.mutationOptions({ onSuccess: () => (setOpenId(''), void refresh()) }));
  const open = list.data?.find((report) => report.id === openId);
  const error = save.error ?? remove.error;
  return (
    <div className={styles.filters} data-testid="saved-reports">
      <label className={styles.filter}>
        <span className={styles.filterLabel}>Saved reports</span>
        <select
          value={openId}
          onChange={(event) => {
            setOpenId(event.target.value);
            const report = list.data?.find((r) => r.id === event.target.value);
            setDelivery(deliveryOf(report?.schedule ?? null));
            if (report) onOpen(report);
          }}
          data-testid="saved-report-select"
        >
          <option value="">{list.data?.length ? 'Choose a report…' : 'None saved yet'}</option>
          {(list.data ?? []).map((report) => (
            <option key={report.id} value={report.id}>
              {report.name}
            </option>
          ))}
        </select>
      </label>
      {name === null ? (
        <button type="button" className="btn btn-sm" onClick={() => setName(open ? `${open.name} (copy)` : '')} data-testid="report-save-as">
          Save as…
        </button>
      ) : (
        <form
          className={styles.ranges}
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate({ ...current, name: name.trim(), schedule: scheduleOf(delivery) });
          }}
        >
          <input className={`input ${styles.nameInput}`} aria-label="Report name" placeholder="Report name" value={name} onChange={(event) => setName(event.target.value)} maxLength={80} autoFocus data-testid="report-name" />
          <button type="submit" className="btn btn-sm btn-primary" disabled={!name.trim() || save.isPending} data-testid="report-save">
            Save
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => setName(null)}>
            Cancel
          </button>
        </form>
      )}
      {open && name === null ? (
        <>
          <button type="button" className="btn btn-sm" onClick={() => save.mutate({ ...current, id: open.id, name: open.name, schedule: scheduleOf(delivery) })} disabled={save.isPending} data-testid="report-update">
            Update “{open.name}”
          </button>
          <button type="button" className="btn btn-sm btn-ghost" onClick={() => remove.mutate({ id: open.id })} disabled={remove.isPending} data-testid="report-delete">
            Delete
          </button>
        </>
      ) : null}
      <ReportDelivery value={delivery} onChange={setDelivery} />
      {error ? (
        <p className={styles.formError} role="alert">
          {/* A refused schedule (a bad address) says why in words, not as the validator's list. */}
          {fieldErrors(error).schedule ?? errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
