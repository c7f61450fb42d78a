'use client';

import type { ConfigField, FlowIssue } from '@parley/flow';
import { useId, type ReactNode } from 'react';
import styles from '../editor.module.css';
import type { ControlProps } from './types';

/**
 * A field's label, control, message and help text, with the aria wiring between them. The
 * control gets the props that wiring needs (id, aria-invalid, aria-describedby, test id).
 */
export function FieldShell({ field, issues, control }: { field: ConfigField; issues: readonly FlowIssue[]; control: (common: ControlProps) => ReactNode }) {
  const id = useId();
  const helpId = `${id}-help`;
  const messageId = `${id}-message`;
  const { meta } = field;
  // Expression editors check as you type and show those problems themselves; here they would be
  // said twice (and a moment late). The Problems list still has them.
  const mine = issues.filter((issue) => issue.field === field.name && !(checkedLive(field) && issue.code.startsWith('expression.')));
  const error = mine.find((issue) => issue.severity === 'error')?.message;
  const warning = mine.find((issue) => issue.severity === 'warning')?.message;
  const describedBy = [meta.description ? helpId : null, error || warning ? messageId : null].filter(Boolean).join(' ');
  const common: ControlProps = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': field.required || undefined,
    'data-testid': `field-${field.name}`,
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {meta.title}
        {field.required || meta.widget === 'select' ? null : <span className={styles.optional}> (optional)</span>}
      </label>
      {control(common)}
      {error || warning ? (
        <p id={messageId} className={error ? 'field-error' : styles.fieldWarning}>
          {error ?? warning}
        </p>
      ) : null}
      {meta.description ? (
        <p id={helpId} className="field-help">
          {meta.description}
        </p>
      ) : null}
    </div>
  );
}

/** Fields whose widget is (or is made of) expression editors with live checks. */
function checkedLive(field: ConfigField): boolean {
  return field.meta.expression !== undefined || field.meta.widget === 'assignments' || field.meta.widget === 'activity-input';
}
