'use client';

import { useId } from 'react';
import { describeDays, type RetentionDraft } from '@/lib/retention';
import styles from './settings.module.css';

/** One period: days in a number box with its unit, or "Keep until erased". */
export function RetentionField({
  name,
  label,
  help,
  draft,
  error,
  onChange,
}: {
  name: string;
  label: string;
  help: string;
  draft: RetentionDraft;
  error?: string;
  onChange: (draft: RetentionDraft) => void;
}) {
  const id = useId();
  const days = Number(draft.days);
  const hint = draft.forever ? 'Never deleted by the sweep' : Number.isInteger(days) && days > 0 ? describeDays(days) : '';
  // A group rather than a <fieldset>: its rows line up with the other periods' (CSS subgrid).
  return (
    <div role="group" aria-labelledby={`${id}-label`} className={styles.retentionField} data-testid={`retention-${name}`}>
      <h3 id={`${id}-label`} className={styles.retentionLegend}>
        {label}
      </h3>
      <p id={`${id}-help`} className="field-help">
        {help}
      </p>
      <div className={styles.retentionControls}>
        <div className={styles.daysBox}>
          <input
            id={id}
            className="input"
            type="number"
            inputMode="numeric"
            min={1}
            max={3650}
            step={1}
            // While "Keep until erased" is ticked the box is off and empty; unticking brings back the days.
            value={draft.forever ? '' : draft.days}
            placeholder="—"
            disabled={draft.forever}
            aria-label={`${label}: days`}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-help ${id}-hint${error ? ` ${id}-error` : ''}`}
            onChange={(event) => onChange({ ...draft, days: event.target.value })}
            data-testid="retention-days"
          />
          <span className={styles.unit} aria-hidden="true">
            days
          </span>
        </div>
        <label className={styles.check}>
          <input type="checkbox" checked={draft.forever} onChange={(event) => onChange({ ...draft, forever: event.target.checked })} data-testid="retention-forever" />
          Keep until erased
        </label>
      </div>
      <p id={`${id}-hint`} className="field-help" data-testid="retention-hint">
        {hint}
      </p>
      <p id={`${id}-error`} className="field-error" role={error ? 'alert' : undefined} data-testid={error ? 'retention-error' : undefined}>
        {error}
      </p>
    </div>
  );
}
