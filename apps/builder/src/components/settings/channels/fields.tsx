'use client';

import { useId, type ReactNode } from 'react';
import type { FlowSummary } from '@/lib/api-types';

/** A labelled field with its help or error line (the channel forms' building block). */
export function Field({ label, help, error, children }: { label: string; help?: string; error?: string | undefined; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {children(id)}
      {error || help ? <p className={error ? 'field-error' : 'field-help'}>{error ?? help}</p> : null}
    </div>
  );
}

/** Which flow answers a channel's new conversations. */
export function FlowField({ flows, value, error, onChange }: { flows: FlowSummary[]; value: string; error?: string | undefined; onChange: (flowId: string) => void }) {
  return (
    <Field label="Flow that answers" error={error} help="Its latest published version answers new conversations.">
      {(id) => (
        <select id={id} className="select" value={value} onChange={(event) => onChange(event.target.value)} data-testid="channel-flow">
          {flows.map((flow) => (
            <option key={flow.id} value={flow.id}>
              {flow.name}
              {flow.publishedVersion === null ? ' (not published)' : ''}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
