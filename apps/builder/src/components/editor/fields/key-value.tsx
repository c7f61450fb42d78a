'use client';

import { ExpressionEditor } from './expression';
import { parseKeyValueLines, serializeKeyValueLines, type KeyValueRow } from './lines';
import { useLocalRows } from './list';
import { Rows } from './Rows';
import type { ControlProps } from './types';
import { VariableField } from './variable';
import styles from './fields.module.css';

/** How each widget's lines read: the separator, what the key is, what the value is. */
const layouts = {
  headers: { separator: ':', key: 'Header', value: 'Value', keyPlaceholder: 'Authorization', valuePlaceholder: 'Bearer {{secrets.API_TOKEN}}', add: 'Add header' },
  mappings: { separator: '=', key: 'Variable', value: 'From', keyPlaceholder: 'order_status', valuePlaceholder: 'body.status', add: 'Add mapping' },
  assignments: { separator: '=', key: 'Name', value: 'Expression', keyPlaceholder: 'total', valuePlaceholder: 'price * 2', add: 'Add line' },
} as const;

export type KeyValueWidget = keyof typeof layouts;

/**
 * A key-value editor over line-based text: headers (`Name: value`), mappings that store
 * variables (`variable = path`, with the variable picker) and assignments (`name = expression`,
 * with an expression editor per line). It writes the same lines the kinds parse, so stored
 * flows do not change shape.
 */
export function KeyValueField({
  widget,
  common,
  value,
  placeholder,
  onChange,
}: {
  widget: KeyValueWidget;
  common: ControlProps;
  value: string;
  /** The field's own example (`order = order_id`): its first line replaces the widget's placeholders. */
  placeholder?: string;
  onChange: (value: string) => void;
}) {
  const layout = withExample(layouts[widget], placeholder);
  const parse = (text: string) => parseKeyValueLines(text, layout.separator);
  const serialize = (rows: KeyValueRow[]) => serializeKeyValueLines(rows, layout.separator);
  const [rows, setRows] = useLocalRows(value, parse, serialize);
  const testId = String(common['data-testid']);
  return (
    <div id={common.id} role="group" aria-describedby={common['aria-describedby'] as string | undefined}>
      <Rows
        items={rows}
        testId={testId}
        addLabel={layout.add}
        newItem={(): KeyValueRow => ({ key: '', value: '' })}
        onChange={(next) => {
          setRows(next);
          onChange(serialize(next));
        }}
        renderRow={(row, update, index) =>
          row.raw !== undefined ? (
            <input className={`input ${styles.rawLine}`} value={row.raw} aria-label={`Line ${index + 1}`} onChange={(event) => update({ ...row, raw: event.target.value })} />
          ) : (
            <div className={styles.rowPair}>
              {widget === 'mappings' ? (
                <VariableField common={{ id: `${common.id}-key-${index}`, 'aria-label': `${layout.key} ${index + 1}`, 'data-testid': `${testId}-key` }} value={row.key} placeholder={layout.keyPlaceholder} onChange={(key) => update({ ...row, key })} />
              ) : (
                <input className={`input ${widget === 'assignments' ? styles.monoKey : ''}`} value={row.key} aria-label={`${layout.key} ${index + 1}`} placeholder={layout.keyPlaceholder} spellCheck={false} onChange={(event) => update({ ...row, key: event.target.value })} data-testid={`${testId}-key`} />
              )}
              <span className={styles.rowSeparator} aria-hidden="true">
                {layout.separator}
              </span>
              {widget === 'assignments' ? (
                <ExpressionEditor common={{ id: `${common.id}-value-${index}`, 'data-testid': `${testId}-value` }} value={row.value} label={`${layout.value} ${index + 1}`} placeholder={layout.valuePlaceholder} onChange={(text) => update({ ...row, value: text })} />
              ) : (
                <input className="input" value={row.value} aria-label={`${layout.value} ${index + 1}`} placeholder={layout.valuePlaceholder} spellCheck={false} onChange={(event) => update({ ...row, value: event.target.value })} data-testid={`${testId}-value`} />
              )}
            </div>
          )
        }
      />
    </div>
  );
}

/** The layout with the key and value placeholders of the field's example line, when it has one. */
function withExample<Layout extends (typeof layouts)[KeyValueWidget]>(layout: Layout, example: string | undefined) {
  const [key, value] = (example?.split('\n')[0] ?? '').split(layout.separator).map((part) => part.trim());
  return key && value ? { ...layout, keyPlaceholder: key, valuePlaceholder: value } : layout;
}
