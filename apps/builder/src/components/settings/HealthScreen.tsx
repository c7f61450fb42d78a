'use client';

import { useQuery } from '@tanstack/react-query';
import { Fragment, type ReactNode } from 'react';
import { Icon, ErrorState, LoadingState } from '@parley/ui';
import listPage from '@/components/ui/listPage.module.css';
import { clockTime, plural, relativeTime } from '@/lib/format';
import { useTRPC } from '@/lib/trpc';
import { RequirePermission } from './RequirePermission';
import { SettingsHeader } from './SettingsHeader';
import styles from './health.module.css';

/** Checked again this often while the page is open. */
const REFRESH_MS = 15_000;

/** One part's card; `ok: null` is neither up nor down (a part this process does not run, or a count), shown as `label`. */
function Part({ name, icon, ok, label, children }: { name: string; icon: string; ok: boolean | null; label?: string; children: ReactNode }) {
  const state = ok === null ? 'unknown' : String(ok);
  return (
    <section className={styles.part} data-ok={state} aria-label={name} data-testid={`health-${name.toLowerCase()}`}>
      <header className={styles.partHeader}>
        <Icon name={icon} size={16} />
        {name}
        <span className={styles.state} data-ok={state} data-testid={`health-${name.toLowerCase()}-state`}>
          {label ?? (ok === null ? 'Not here' : ok ? 'Up' : 'Down')}
        </span>
      </header>
      {children}
    </section>
  );
}

function uptime(seconds: number): string {
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3600)} h`;
}

function Health() {
  const trpc = useTRPC();
  const health = useQuery({ ...trpc.health.status.queryOptions(), refetchInterval: REFRESH_MS });
  if (health.isPending) return <LoadingState label="Checking…" />;
  if (health.isError) return <ErrorState error={health.error} title="Could not check health" onRetry={() => void health.refetch()} />;
  const { api, database, temporal, voice, queues, checkedAt } = health.data;
  const workers = temporal.ok ? temporal.detail.workers : [];
  return (
    <>
      <p className={styles.toolbar}>
        Checked at {clockTime(checkedAt)} by this API process; again every {REFRESH_MS / 1000} s.
        <button type="button" className="btn btn-ghost" onClick={() => void health.refetch()} disabled={health.isFetching} data-testid="health-refresh">
          <Icon name="refresh" size={14} /> Check now
        </button>
      </p>
      <div className={styles.grid}>
        <Part name="API" icon="globe" ok={api.ok}>
          <dl className={styles.facts}>
            <dt>Up for</dt>
            <dd>{uptime(api.uptimeSeconds)}</dd>
            <dt>Node.js</dt>
            <dd>{api.node}</dd>
          </dl>
        </Part>
        <Part name="Database" icon="archive" ok={database.ok}>
          <dl className={styles.facts}>
            <dt>Engine</dt>
            <dd>{database.ok ? (database.detail.kind === 'postgres' ? 'PostgreSQL' : 'SQLite (embedded)') : database.error}</dd>
            <dt>Answered in</dt>
            <dd>{database.latencyMs} ms</dd>
          </dl>
        </Part>
        <Part name="Temporal" icon="workflow" ok={temporal.ok}>
          <dl className={styles.facts}>
            {temporal.ok ? (
              <>
                <dt>Namespace</dt>
                <dd>{temporal.detail.namespace}</dd>
                <dt>Task queue</dt>
                <dd>{temporal.detail.taskQueue}</dd>
              </>
            ) : (
              <>
                <dt>Problem</dt>
                <dd>{temporal.error}</dd>
              </>
            )}
            <dt>Answered in</dt>
            <dd>{temporal.latencyMs} ms</dd>
          </dl>
        </Part>
        <Part name="Workers" icon="layers" ok={temporal.ok ? workers.length > 0 : false}>
          {workers.length === 0 ? (
            <p className={styles.dim} data-testid="health-no-workers">
              {temporal.ok ? 'No worker has polled the task queue lately: conversations will not move.' : 'Unknown while Temporal is down.'}
            </p>
          ) : (
            <ul className={styles.workers} data-testid="health-worker-list">
              {workers.map((worker) => (
                <li key={worker.identity}>
                  <strong>{worker.identity}</strong>{' '}
                  <span className={styles.dim}>
                    {worker.polls.join(' + ')} tasks{worker.lastSeenAt ? `, polled ${relativeTime(worker.lastSeenAt)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Part>
        <Part name="Voice" icon="mic" ok={voice ? true : null}>
          <dl className={styles.facts}>
            {voice ? (
              <>
                <dt>Speech to text</dt>
                <dd>{voice.stt}</dd>
                <dt>Text to speech</dt>
                <dd>{voice.tts}</dd>
              </>
            ) : (
              <dd className={styles.dim}>This API process runs no voice gateway.</dd>
            )}
          </dl>
        </Part>
        <Part name="Queues" icon="users" ok={null} label={`${queues.reduce((sum, queue) => sum + queue.waiting, 0)} waiting`}>
          {queues.length === 0 ? (
            <p className={styles.dim}>Nobody is waiting for a person.</p>
          ) : (
            <dl className={styles.facts} data-testid="health-queue-list">
              {queues.map((queue) => (
                <Fragment key={queue.team}>
                  <dt>{queue.team}</dt>
                  <dd>{plural(queue.waiting, 'conversation')} waiting</dd>
                </Fragment>
              ))}
            </dl>
          )}
        </Part>
      </div>
    </>
  );
}

/** Whether each part of Parley is up, as the API sees it: for admins to look at first when something is off. */
export function HealthScreen() {
  return (
    <div className={listPage.page}>
      <SettingsHeader title="Health" subtitle="Is every part of Parley up, and is anyone waiting?" />
      <RequirePermission permission="settings:manage">
        <Health />
      </RequirePermission>
    </div>
  );
}
