'use client';

import { useId } from 'react';
import styles from './flows.module.css';

/** A flow's name and optional description: the fields of the new-flow and rename dialogs. */
export function FlowNamingFields({
  name,
  description,
  onName,
  onDescription,
  placeholders,
}: {
  name: string;
  description: string;
  onName: (name: string) => void;
  onDescription: (description: string) => void;
  placeholders?: { name: string; description: string };
}) {
  const ids = { name: useId(), description: useId() };
  return (
    <>
      <div className="field">
        <label htmlFor={ids.name} className="field-label">
          Name
        </label>
        <input
          id={ids.name}
          className="input"
          value={name}
          onChange={(event) => onName(event.target.value)}
          placeholder={placeholders?.name}
          maxLength={120}
          required
          autoFocus
        />
      </div>
      <div className="field">
        <label htmlFor={ids.description} className="field-label">
          Description <span className={styles.optional}>(optional)</span>
        </label>
        <textarea
          id={ids.description}
          className="textarea"
          rows={3}
          value={description}
          onChange={(event) => onDescription(event.target.value)}
          placeholder={placeholders?.description}
          maxLength={500}
        />
      </div>
    </>
  );
}
