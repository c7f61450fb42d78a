'use client';

import type { CustomActivityDescriptor, CustomActivityField } from '@parley/flow';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';
import { ExpressionEditor } from './expression';
import { KeyValueField } from './key-value';
import { parseKeyValueLines, serializeKeyValueLines, type KeyValueRow } from './lines';
import type { ControlProps } from './types';
import { VariableField } from './variable';
import styles from './fields.module.css';

/** The worker's custom activity catalog (the API's `flows.customActivities`), cached for the session. */
export function useCustomActivities(): readonly CustomActivityDescriptor[] | undefined {
  const trpc = useTRPC();
  return useQuery({ ...trpc.flows.customActivities.queryOptions(), staleTime: 5 * 60_000 }).data;
}

type Props = { common: ControlProps; value: string; onChange: (value: string) => void; activityName: string };

/**
 * A custom activity's input: one row per field of its input schema (name, type, required
 * marker) with an expression editor checked against the field's type. Stored as the kind's
 * `field = expression` lines; lines for fields the activity does not have stay, below, so
 * validation can point at them. Without the catalog (or for an unknown activity) it is the
 * plain assignment editor.
 */
export function ActivityInputField({ common, value, onChange, activityName }: Props) {
  const activity = useCustomActivities()?.find((candidate) => candidate.name === activityName.trim());
  if (!activity) return <KeyValueField widget="assignments" common={common} value={value} onChange={onChange} />;
  const rows = parseKeyValueLines(value, '=');
  const sourceOf = (field: string) => rows.find((row) => row.raw === undefined && row.key === field)?.value ?? '';
  const others = rows.filter((row) => row.raw !== undefined || !activity.input.some((field) => field.name === row.key));
  const write = (field: string, source: string) => {
    const known: KeyValueRow[] = activity.input.map((f) => ({ key: f.name, value: f.name === field ? source : sourceOf(f.name) }));
    onChange(serializeKeyValueLines([...known.filter((row) => row.value.trim()), ...others], '='));
  };
  const testId = String(common['data-testid']);
  return (
    <div id={common.id} role="group" className={styles.rows} aria-describedby={common['aria-describedby'] as string | undefined} data-testid={testId}>
      {activity.input.map((field) => (
        <div key={field.name} className={styles.rowMain} data-testid={`${testId}-${field.name}`}>
          <FieldHead field={field} />
          <ExpressionEditor
            common={{ id: `${common.id}-${field.name}`, 'data-testid': `${testId}-${field.name}-value` }}
            value={sourceOf(field.name)}
            label={`${field.name} (${field.type})`}
            expect={field.type === 'unknown' ? undefined : field.type}
            placeholder={field.description ?? (field.required ? 'Required' : 'Optional')}
            onChange={(source) => write(field.name, source)}
          />
        </div>
      ))}
      {others.length > 0 ? <p className={styles.rawLine}>Other lines: {others.map((row) => row.raw ?? `${row.key} = ${row.value}`).join('; ')}</p> : null}
    </div>
  );
}

/**
 * A custom activity's output: one row per output field with its type and the variable to save
 * it in (the variable picker; empty = not saved). Stored as `variable = field` lines.
 */
export function ActivityOutputField({ common, value, onChange, activityName }: Props) {
  const activity = useCustomActivities()?.find((candidate) => candidate.name === activityName.trim());
  if (!activity) return <KeyValueField widget="mappings" common={common} value={value} onChange={onChange} />;
  const rows = parseKeyValueLines(value, '=');
  const variableOf = (field: string) => rows.find((row) => row.raw === undefined && row.value === field)?.key ?? '';
  const others = rows.filter((row) => row.raw !== undefined || !activity.output.some((field) => field.name === row.value));
  const write = (field: string, variable: string) => {
    const known: KeyValueRow[] = activity.output.map((f) => ({ key: f.name === field ? variable : variableOf(f.name), value: f.name }));
    onChange(serializeKeyValueLines([...known.filter((row) => row.key.trim()), ...others], '='));
  };
  const testId = String(common['data-testid']);
  return (
    <div id={common.id} role="group" className={styles.rows} aria-describedby={common['aria-describedby'] as string | undefined} data-testid={testId}>
      {activity.output.map((field) => (
        <div key={field.name} className={styles.rowMain} data-testid={`${testId}-${field.name}`}>
          <FieldHead field={field} output />
          <VariableField
            common={{ id: `${common.id}-${field.name}`, 'aria-label': `Save ${field.name} as`, 'data-testid': `${testId}-${field.name}-variable` }}
            value={variableOf(field.name)}
            placeholder="not saved"
            onChange={(variable) => write(field.name, variable)}
          />
        </div>
      ))}
      {others.length > 0 ? <p className={styles.rawLine}>Other lines: {others.map((row) => row.raw ?? `${row.key} = ${row.value}`).join('; ')}</p> : null}
    </div>
  );
}

/** A field's name, type and description; inputs also say whether they are required. */
function FieldHead({ field, output = false }: { field: CustomActivityField; output?: boolean }) {
  return (
    <span className={styles.fieldHead}>
      <span>{field.name}</span>
      <span className={styles.typeTag}>{field.type === 'unknown' ? 'any' : field.type}</span>
      {field.required && !output ? (
        <span className={styles.required} title="Required">
          *
        </span>
      ) : null}
      {field.description ? <span className={styles.optional}>{field.description}</span> : null}
    </span>
  );
}
