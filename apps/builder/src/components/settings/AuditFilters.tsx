'use client';

import { useId, useState, type FormEvent } from 'react';
import { Icon } from '@parley/ui';
import type { AuditFilter } from '@/lib/api-types';
import styles from './settings.module.css';

/** A day picked in a date field (local time) as the instant it starts or ends. */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Filters of the audit log: action prefix (e.g. "member."), actor, and a date range. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const id = useId();
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    const filter: AuditFilter = {};
    if (action.trim()) filter.action = action.trim();
    if (actor.trim()) filter.actor = actor.trim();
    const fromIso = dayBound(from, false);
    const toIso = dayBound(to, true);
    if (fromIso) filter.from = fromIso;
    if (toIso) filter.to = toIso;
    onApply(filter);
  }

  return (
    <form className={styles.card} onSubmit={submit} aria-label="Filter the audit log" data-testid="audit-filters">
      <div className={styles.formRow}>
        <div className="field">
          <label htmlFor={`${id}-action`} className="field-label">
            Action
          </label>
          <input id={`${id}-action`} className="input" placeholder="e.g. member. or auth.sign_in" maxLength={80} value={action} onChange={(e) => setAction(e.target.value)} data-testid="audit-action" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-actor`} className="field-label">
            Actor
          </label>
          <input id={`${id}-actor`} className="input" placeholder="Email or key name" maxLength={200} value={actor} onChange={(e) => setActor(e.target.value)} data-testid="audit-actor" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-from`} className="field-label">
            From
          </label>
          <input id={`${id}-from`} className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-to`} className="field-label">
            To
          </label>
          <input id={`${id}-to`} className="input" type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
        </div>
        <button type="submit" className="btn" data-testid="audit-apply">
          <Icon name="refresh" size={14} />
          Apply
        </button>
      </div>
    </form>
  );
}
