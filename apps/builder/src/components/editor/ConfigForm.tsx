'use client';

import { configFields, nodeKinds, type ConfigField, type FlowIssue, type NodeKind } from '@parley/flow';
import { useId } from 'react';
import styles from './editor.module.css';
import { IntentsField, readIntents } from './IntentsField';
import { IntentTryIt } from './IntentTryIt';
import { SkillsPicker, TeamPicker } from './WorkspacePickers';
import { KNOWLEDGE_BASE_OPTIONS_ID, KnowledgeBaseOptions } from '@/components/knowledge/KnowledgeBaseOptions';

/**
 * The property form of a node, generated from its kind's zod config schema: one control per
 * field of `schema.shape`, laid out by the field's `.meta()` (title, description, placeholder,
 * widget). Widgets: text, textarea, variable (a variable name the node writes), select (enum),
 * intents (the intent router's list, a hand-made editor: IntentsField), team and skills (the
 * workspace's teams and skills: WorkspacePickers).
 */
export function ConfigForm({
  nodeId,
  kind,
  config,
  issues,
  onChange,
}: {
  nodeId: string;
  kind: NodeKind;
  config: Record<string, unknown>;
  issues: readonly FlowIssue[];
  onChange: (name: string, value: unknown) => void;
}) {
  const fields = configFields(kind);
  if (fields.length === 0) {
    return <p className={styles.hint}>This step has nothing to configure.</p>;
  }
  const defaults = nodeKinds[kind].defaults as Record<string, unknown>;
  return (
    <>
      {fields.some((field) => field.name === 'knowledgeBase') ? <KnowledgeBaseOptions /> : null}
      {fields.map((field) => {
        if (field.meta.widget === 'intents') {
          const value = config[field.name] ?? defaults[field.name];
          const threshold = Number(config.threshold ?? defaults.threshold);
          return (
            <div key={`${nodeId}:${field.name}`} className={styles.intentsWithTry}>
              <IntentsField field={field} value={value} issues={issues} onChange={(intents) => onChange(field.name, intents)} />
              <IntentTryIt intents={readIntents(value)} threshold={threshold >= 0 && threshold <= 1 ? threshold : 0.3} />
            </div>
          );
        }
        const raw = config[field.name] ?? (field.meta.widget === 'select' ? defaults[field.name] : undefined);
        const error = issues.find((issue) => issue.field === field.name && issue.severity === 'error');
        const warning = issues.find((issue) => issue.field === field.name && issue.severity === 'warning');
        return (
          <FieldControl
            key={`${nodeId}:${field.name}`}
            field={field}
            value={typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw)}
            error={error?.message}
            warning={warning?.message}
            onChange={(value) => onChange(field.name, value)}
          />
        );
      })}
    </>
  );
}

function FieldControl({
  field,
  value,
  error,
  warning,
  onChange,
}: {
  field: ConfigField;
  value: string;
  error: string | undefined;
  warning: string | undefined;
  onChange: (value: string) => void;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const messageId = `${id}-message`;
  const { meta } = field;
  const describedBy = [meta.description ? helpId : null, error || warning ? messageId : null]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': field.required || undefined,
    'data-testid': `field-${field.name}`,
  } as const;

  let control;
  switch (meta.widget) {
    case 'textarea':
      control = (
        <textarea
          {...common}
          className="textarea"
          rows={4}
          value={value}
          placeholder={meta.placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      );
      break;
    case 'select':
      control = (
        <select {...common} className="select" value={value} onChange={(event) => onChange(event.target.value)}>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option.charAt(0).toUpperCase() + option.slice(1)}
            </option>
          ))}
        </select>
      );
      break;
    case 'team':
      control = <TeamPicker common={common} value={value} onChange={onChange} />;
      break;
    case 'skills':
      control = <SkillsPicker common={common} value={value} onChange={onChange} />;
      break;
    case 'variable':
      control = (
        <div className={styles.variableInput}>
          <span aria-hidden="true" className={styles.variablePrefix}>
            {'{{'}
          </span>
          <input
            {...common}
            className={`input ${styles.mono}`}
            value={value}
            placeholder={meta.placeholder}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => onChange(event.target.value)}
          />
          <span aria-hidden="true" className={styles.variableSuffix}>
            {'}}'}
          </span>
        </div>
      );
      break;
    default:
      control = (
        <input
          {...common}
          className="input"
          value={value}
          list={field.name === 'knowledgeBase' ? KNOWLEDGE_BASE_OPTIONS_ID : undefined}
          placeholder={meta.placeholder}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }

  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {meta.title}
        {field.required || meta.widget === 'select' ? null : <span className={styles.optional}> (optional)</span>}
      </label>
      {control}
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
