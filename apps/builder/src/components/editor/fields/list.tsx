'use client';

import { useState } from 'react';
import { parseListLines, serializeListLines } from './lines';
import { Rows } from './Rows';
import type { ControlProps } from './types';

/** One entry per line (start triggers): rows to add, remove and reorder; stored as lines. */
export function ListField({ common, value, onChange, placeholder }: { common: ControlProps; value: string; onChange: (value: string) => void; placeholder?: string | undefined }) {
  // Rows are local while editing, so an empty new row survives until it is filled in.
  const [items, setItems] = useLocalRows(value, parseListLines, serializeListLines);
  return (
    <div id={common.id} role="group" aria-describedby={common['aria-describedby'] as string | undefined}>
      <Rows
        items={items}
        testId={String(common['data-testid'])}
        addLabel="Add"
        newItem={() => ''}
        onChange={(next) => {
          setItems(next);
          onChange(serializeListLines(next));
        }}
        renderRow={(item, update, index) => (
          <input className="input" value={item} aria-label={`Entry ${index + 1}`} placeholder={index === 0 ? placeholder?.split('\n')[0] : undefined} onChange={(event) => update(event.target.value)} />
        )}
      />
    </div>
  );
}

/**
 * Rows parsed from the stored text, kept locally while they serialize to the same text (blank
 * rows being filled in); re-read when the text changes from outside (undo, another editor).
 */
export function useLocalRows<T>(value: string, parse: (text: string) => T[], serialize: (rows: T[]) => string): [T[], (rows: T[]) => void] {
  const [state, setState] = useState(() => ({ text: value, rows: parse(value) }));
  if (state.text !== value && serialize(state.rows) !== value) {
    const fresh = { text: value, rows: parse(value) };
    setState(fresh);
    return [fresh.rows, (rows) => setState({ text: serialize(rows), rows })];
  }
  return [state.rows, (rows) => setState({ text: serialize(rows), rows })];
}
