import type { AuditRow } from '@/lib/api-types';
import { fullDateTime, relativeTime } from '@/lib/format';
import styles from './settings.module.css';

/** The details of an event as one short line (they are small JSON objects). */
function detailsText(details: unknown): string | null {
  if (details === null || details === undefined) return null;
  if (typeof details !== 'object') return String(details);
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length === 0) return null;
  return entries.map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`).join(' · ');
}

/** One event: what happened, who did it, to what, from where and when. */
export function AuditEventRow({ event }: { event: AuditRow }) {
  const details = detailsText(event.details);
  return (
    <li className={styles.row} data-testid="audit-event" data-action={event.action}>
      <div className={styles.rowMain}>
        <div className={styles.rowText}>
          <span className={styles.rowName}>
            <span className="mono">{event.action}</span>
          </span>
          <span className={styles.rowSub} title={details ?? undefined}>
            {event.actorLabel ?? event.actorType}
            {event.targetType ? ` → ${event.targetType} ${event.targetId ?? ''}` : ''}
            {details ? ` · ${details}` : ''}
          </span>
        </div>
      </div>
      <div className={styles.rowActions}>
        {event.ip ? <span className={`mono ${styles.dim}`}>{event.ip}</span> : null}
        <time className={styles.dim} dateTime={event.at} title={fullDateTime(event.at)}>
          {relativeTime(event.at)}
        </time>
      </div>
    </li>
  );
}
