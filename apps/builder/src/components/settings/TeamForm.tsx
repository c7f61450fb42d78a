'use client';

import { useId, useState, type FormEvent } from 'react';
import type { TeamDistribution } from '@/lib/api-types';
import { errorMessage, fieldErrors } from '@/lib/errors';
import styles from './settings.module.css';

export const distributionLabel = {
  least_busy: 'Least busy first',
  round_robin: 'Round robin',
} satisfies Record<TeamDistribution, string>;

export interface TeamFields {
  name: string;
  description: string;
  distribution: TeamDistribution;
  offerTimeoutSeconds: number;
}

const TIMEOUTS = [10, 15, 20, 30, 45, 60, 90, 120, 180, 300];

/** A team's settings: used to create one (empty) and to edit one (its values). */
export function TeamForm({
  initial = { name: '', description: '', distribution: 'least_busy', offerTimeoutSeconds: 30 },
  submitLabel,
  pending,
  errors,
  onSubmit,
  onCancel,
  testId,
}: {
  initial?: TeamFields;
  submitLabel: string;
  pending: boolean;
  errors: Record<string, string>;
  onSubmit: (fields: TeamFields) => void;
  onCancel?: () => void;
  testId: string;
}) {
  const ids = { name: useId(), description: useId(), distribution: useId(), timeout: useId() };
  const [fields, setFields] = useState<TeamFields>(initial);
  const timeouts = TIMEOUTS.includes(fields.offerTimeoutSeconds) ? TIMEOUTS : [...TIMEOUTS, fields.offerTimeoutSeconds].sort((a, b) => a - b);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (fields.name.trim()) onSubmit({ ...fields, name: fields.name.trim(), description: fields.description.trim() });
  }

  return (
    <form onSubmit={submit} data-testid={testId} className={styles.secretForm}>
      <div className={styles.formRow}>
        <div className="field">
          <label htmlFor={ids.name} className="field-label">
            Name
          </label>
          <input
            id={ids.name}
            className="input"
            required
            maxLength={80}
            value={fields.name}
            placeholder="Support"
            aria-invalid={errors.name ? true : undefined}
            onChange={(event) => setFields({ ...fields, name: event.target.value })}
            data-testid="team-name"
          />
          {errors.name ? <p className="field-error">{errors.name}</p> : null}
        </div>
        <div className="field">
          <label htmlFor={ids.distribution} className="field-label">
            Distribution
          </label>
          <select
            id={ids.distribution}
            className="select"
            value={fields.distribution}
            onChange={(event) => setFields({ ...fields, distribution: event.target.value as TeamDistribution })}
            data-testid="team-distribution"
          >
            {(Object.keys(distributionLabel) as TeamDistribution[]).map((option) => (
              <option key={option} value={option}>
                {distributionLabel[option]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.timeout} className="field-label">
            Offer timeout
          </label>
          <select
            id={ids.timeout}
            className="select"
            value={fields.offerTimeoutSeconds}
            onChange={(event) => setFields({ ...fields, offerTimeoutSeconds: Number(event.target.value) })}
            data-testid="team-timeout"
          >
            {timeouts.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds < 60 ? `${seconds} s` : `${seconds / 60} min`}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="field">
        <label htmlFor={ids.description} className="field-label">
          Description <span className={styles.dim}>(optional)</span>
        </label>
        <input
          id={ids.description}
          className="input"
          maxLength={300}
          value={fields.description}
          placeholder="What this team handles"
          onChange={(event) => setFields({ ...fields, description: event.target.value })}
          data-testid="team-description"
        />
      </div>
      {errors.form ? (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className={styles.formFooter}>
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={pending || !fields.name.trim()} data-testid={`${testId}-submit`}>
          {pending ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

/** A failed save as the form shows it: reasons at their fields, anything else (409, 412) above the buttons. */
export function formErrors(error: unknown): Record<string, string> {
  if (!error) return {};
  const fields = fieldErrors(error);
  return Object.keys(fields).length > 0 ? fields : { form: errorMessage(error) };
}
