'use client';

import { useId } from 'react';
import styles from '../editor.module.css';
import { useFlowVariables } from './flow-variables';
import type { ControlProps } from './types';

/**
 * A variable name with a dropdown of the variables the flow sets (and their types). Where the
 * field creates a variable (`creates`), typing a new name is the point; elsewhere the list is
 * what to choose from.
 */
export function VariableField({ common, value, onChange, placeholder, creates = true }: { common: ControlProps; value: string; onChange: (value: string) => void; placeholder?: string | undefined; creates?: boolean }) {
  const listId = useId();
  const variables = useFlowVariables();
  return (
    <div className={styles.variableInput}>
      <span aria-hidden="true" className={styles.variablePrefix}>
        {'{{'}
      </span>
      <input
        {...common}
        className={`input ${styles.mono}`}
        value={value}
        placeholder={placeholder ?? (creates ? 'new_or_existing_name' : undefined)}
        spellCheck={false}
        autoComplete="off"
        list={listId}
        onChange={(event) => onChange(event.target.value)}
      />
      <span aria-hidden="true" className={styles.variableSuffix}>
        {'}}'}
      </span>
      <datalist id={listId}>
        {[...variables].map(([name, type]) => (
          <option key={name} value={name} label={type === 'unknown' ? 'any' : type} />
        ))}
      </datalist>
    </div>
  );
}
