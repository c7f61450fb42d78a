'use client';

import { configFields, nodeKinds, type ConfigField, type FlowIssue, type NodeKind } from '@parley/flow';
import type { ReactNode } from 'react';
import styles from './editor.module.css';
import { FieldShell } from './fields/FieldShell';
import { ActivityInputField, ActivityOutputField } from './fields/activity';
import { NumberField, SelectField, SwitchField, TextareaField, TextField } from './fields/basic';
import { ExpressionEditor } from './fields/expression';
import { JsonEditor } from './fields/json';
import { KeyValueField } from './fields/key-value';
import { ListField } from './fields/list';
import type { ControlProps } from './fields/types';
import { VariableField } from './fields/variable';
import { IntentsField, readIntents } from './IntentsField';
import { IntentTryIt } from './IntentTryIt';
import { SkillsPicker, TeamPicker } from './WorkspacePickers';
import { KnowledgeBaseOptions } from '@/components/knowledge/KnowledgeBaseOptions';

/**
 * The property form of a node, generated from its kind's zod config schema: one control per
 * field of `schema.shape`, chosen by the field's `.meta()` widget and its schema type (numbers,
 * booleans, enums, expressions). The widgets live in editor/fields; this only dispatches. Every
 * widget reads and writes the config as stored (text lines stay text lines).
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
        const raw = config[field.name] ?? (field.meta.widget === 'select' || field.boolean ? defaults[field.name] : undefined);
        const value = typeof raw === 'string' ? raw : raw === undefined || raw === null ? '' : String(raw);
        const activityName = typeof config.activity === 'string' ? config.activity : '';
        return (
          <FieldShell
            key={`${nodeId}:${field.name}`}
            field={field}
            issues={issues}
            control={(common) => fieldControl(field, common, value, activityName, (next) => onChange(field.name, field.boolean ? next === 'true' : next))}
          />
        );
      })}
    </>
  );
}

/** The widget for a field: expressions and schema types first, then the meta's widget. */
function fieldControl(field: ConfigField, common: ControlProps, value: string, activityName: string, onChange: (value: string) => void): ReactNode {
  const { meta } = field;
  const props = { field, common, value, onChange };
  if (meta.expression) {
    return <ExpressionEditor common={common} value={value} onChange={onChange} expect={meta.expression === 'boolean' ? 'boolean' : undefined} placeholder={meta.placeholder} label={meta.title} />;
  }
  if (field.boolean) return <SwitchField {...props} />;
  if (field.number && meta.widget === 'text') return <NumberField {...props} />;
  switch (meta.widget) {
    case 'textarea':
      return <TextareaField {...props} />;
    case 'select':
      return <SelectField {...props} />;
    case 'team':
      return <TeamPicker common={common} value={value} onChange={onChange} />;
    case 'skills':
      return <SkillsPicker common={common} value={value} onChange={onChange} />;
    case 'variable':
      return <VariableField common={common} value={value} onChange={onChange} placeholder={meta.placeholder} />;
    case 'list':
      return <ListField common={common} value={value} onChange={onChange} placeholder={meta.placeholder} />;
    case 'headers':
    case 'mappings':
    case 'assignments':
      return <KeyValueField widget={meta.widget} common={common} value={value} placeholder={meta.placeholder} onChange={onChange} />;
    case 'json':
      return <JsonEditor common={common} value={value} onChange={onChange} placeholder={meta.placeholder} label={meta.title} />;
    case 'activity-input':
      return <ActivityInputField common={common} value={value} onChange={onChange} activityName={activityName} />;
    case 'activity-output':
      return <ActivityOutputField common={common} value={value} onChange={onChange} activityName={activityName} />;
    default:
      return <TextField {...props} />;
  }
}
