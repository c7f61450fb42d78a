'use client';

import type { ConfigField } from '@parley/flow';
import { KNOWLEDGE_BASE_OPTIONS_ID } from '@/components/knowledge/KnowledgeBaseOptions';
import type { ControlProps } from './types';
import styles from './fields.module.css';

type Props = { field: ConfigField; common: ControlProps; value: string; onChange: (value: string) => void };

/** A single-line text input (the default widget). */
export function TextField({ field, common, value, onChange }: Props) {
  return (
    <input
      {...common}
      className="input"
      value={value}
      list={field.name === 'knowledgeBase' ? KNOWLEDGE_BASE_OPTIONS_ID : undefined}
      placeholder={field.meta.placeholder}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

export function TextareaField({ field, common, value, onChange }: Props) {
  return <textarea {...common} className="textarea" rows={4} value={value} placeholder={field.meta.placeholder} onChange={(event) => onChange(event.target.value)} />;
}

/** One option of an enum field. */
export function SelectField({ field, common, value, onChange }: Props) {
  return (
    <select {...common} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
      {(field.options ?? []).map((option) => (
        <option key={option} value={option}>
          {option.charAt(0).toUpperCase() + option.slice(1)}
        </option>
      ))}
    </select>
  );
}

/**
 * A number field with the schema's bounds and step. The text is stored as typed (the kinds
 * coerce numbers), so a half-typed "1." is not rewritten under the cursor.
 */
export function NumberField({ field, common, value, onChange }: Props) {
  const bounds = field.number ?? { step: 1 };
  return (
    <input
      {...common}
      type="number"
      inputMode="decimal"
      className="input"
      value={value}
      min={bounds.min}
      max={bounds.max}
      step={bounds.step}
      placeholder={field.meta.placeholder}
      onChange={(event) => onChange(event.target.value === '' ? '' : event.target.value)}
    />
  );
}

/** A boolean field as a switch. */
export function SwitchField({ common, value, onChange }: Props) {
  const on = value === 'true';
  return (
    <label className={styles.switch}>
      <input {...common} type="checkbox" role="switch" checked={on} onChange={(event) => onChange(String(event.target.checked))} />
      {on ? 'On' : 'Off'}
    </label>
  );
}
