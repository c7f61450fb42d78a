'use client';

import { str } from './viewParts';
import styles from './nodes.module.css';

/** The meaningful lines of a mapping field (no blanks, no # comments). */
const lines = (value: unknown) =>
  str(value)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

/** The first lines of a mapping field (response mapping, outputs), and how many more. */
export function MappingLines({ value, empty }: { value: unknown; empty?: string }) {
  const list = lines(value);
  if (list.length === 0) return empty ? <p className={styles.placeholder}>{empty}</p> : null;
  return (
    <>
      {list.slice(0, 3).map((line, index) => (
        <p key={index} className={styles.preview}>
          <code>{line}</code>
        </p>
      ))}
      {list.length > 3 ? <p className={styles.muted}>+{list.length - 3} more</p> : null}
    </>
  );
}
