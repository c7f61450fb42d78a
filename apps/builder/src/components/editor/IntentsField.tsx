'use client';

import type { ConfigField, FlowIssue, IntentDefinition } from '@parley/flow';
import { useId } from 'react';
import { Icon } from '@parley/ui';
import styles from './IntentsField.module.css';
import { slug } from './intent-names';

/**
 * The intent router's intents: a hand-made editor, since the generated form edits text fields
 * only. Each intent has a name (the stable id of its exit, `intent:<name>`), a label (shown on
 * the canvas) and example phrases, one per line. While the name still follows the label it is
 * derived from it ("Order status" → order_status), so most authors never type one.
 */
export function IntentsField({
  field,
  value,
  issues,
  onChange,
}: {
  field: ConfigField;
  value: unknown;
  /** This node's issues; the ones under `intents` are shown next to the intent they concern. */
  issues: readonly FlowIssue[];
  onChange: (intents: IntentDefinition[]) => void;
}) {
  const id = useId();
  const intents = readIntents(value);
  const issueAt = (index: number | null, key?: 'name' | 'examples') =>
    issues.find((issue) => {
      const at = intentPath(issue);
      return at !== null && issue.severity === 'error' && at.index === index && (index === null || at.key === key);
    })?.message;
  const listError = issueAt(null);
  const update = (index: number, change: Partial<IntentDefinition>) =>
    onChange(intents.map((intent, i) => (i === index ? { ...intent, ...change } : intent)));

  return (
    <fieldset className={styles.fieldset} aria-describedby={`${id}-help`} data-testid={`field-${field.name}`}>
      <legend className="field-label">{field.meta.title}</legend>
      {field.meta.description ? (
        <p id={`${id}-help`} className="field-help">
          {field.meta.description}
        </p>
      ) : null}
      {listError ? (
        <p className="field-error" role="alert">
          {listError}
        </p>
      ) : null}
      <ol className={styles.list}>
        {intents.map((intent, index) => {
          const prefix = `${id}-${index}`;
          const nameError = issueAt(index, 'name');
          const examplesError = issueAt(index, 'examples');
          const title = intent.label.trim() || intent.name || `Intent ${index + 1}`;
          return (
            <li key={index} className={styles.intent} data-testid={`intent-${index}`}>
              <div className={styles.intentHeader}>
                <span className={styles.intentTitle}>{title}</span>
                <button
                  type="button"
                  className="btn btn-sm btn-ghost"
                  aria-label={`Remove intent ${title}`}
                  onClick={() => onChange(intents.filter((_, i) => i !== index))}
                >
                  <Icon name="trash" size={13} />
                </button>
              </div>
              <label className={styles.smallLabel} htmlFor={`${prefix}-label`}>
                Label
              </label>
              <input
                id={`${prefix}-label`}
                className="input"
                value={intent.label}
                placeholder="Order status"
                maxLength={80}
                onChange={(event) => {
                  const label = event.target.value;
                  // Keep deriving the name while the author has not chosen one of their own.
                  const follows = intent.name === '' || intent.name === slug(intent.label);
                  update(index, follows ? { label, name: slug(label) } : { label });
                }}
              />
              <label className={styles.smallLabel} htmlFor={`${prefix}-name`}>
                Name <span className={styles.hint}>(exit id)</span>
              </label>
              <input
                id={`${prefix}-name`}
                className={`input ${styles.mono}`}
                value={intent.name}
                placeholder="order_status"
                spellCheck={false}
                autoComplete="off"
                maxLength={40}
                aria-invalid={nameError ? true : undefined}
                aria-describedby={nameError ? `${prefix}-name-error` : undefined}
                onChange={(event) => update(index, { name: event.target.value })}
              />
              {nameError ? (
                <p id={`${prefix}-name-error`} className="field-error">
                  {nameError}
                </p>
              ) : null}
              <label className={styles.smallLabel} htmlFor={`${prefix}-examples`}>
                Example phrases <span className={styles.hint}>(one per line)</span>
              </label>
              <textarea
                id={`${prefix}-examples`}
                className="textarea"
                rows={3}
                value={intent.examples.join('\n')}
                placeholder={'Where is my order?\nHas my package shipped?'}
                aria-invalid={examplesError ? true : undefined}
                aria-describedby={examplesError ? `${prefix}-examples-error` : undefined}
                onChange={(event) => update(index, { examples: event.target.value.split('\n') })}
              />
              {examplesError ? (
                <p id={`${prefix}-examples-error`} className="field-error">
                  {examplesError}
                </p>
              ) : null}
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => onChange([...intents, { name: '', label: '', examples: [] }])}
        data-testid="add-intent"
      >
        <Icon name="plus" size={13} />
        Add intent
      </button>
    </fieldset>
  );
}

/** The intents of a config being edited, read defensively (it is not validated yet). */
export function readIntents(value: unknown): IntentDefinition[] {
  if (!Array.isArray(value)) return [];
  return value.map((raw: unknown) => {
    const intent = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    return {
      name: typeof intent.name === 'string' ? intent.name : '',
      label: typeof intent.label === 'string' ? intent.label : '',
      examples: Array.isArray(intent.examples) ? intent.examples.filter((e): e is string => typeof e === 'string') : [],
    };
  });
}

/** Where an issue points inside `intents`: the list itself (index null) or one intent's field. */
function intentPath(issue: FlowIssue): { index: number | null; key: unknown } | null {
  const at = issue.path.indexOf('config');
  if (at < 0 || issue.path[at + 1] !== 'intents') return null;
  const index = issue.path[at + 2];
  return { index: typeof index === 'number' ? index : null, key: issue.path[at + 3] };
}
