'use client';

import { Icon } from '@parley/ui';
import styles from './nodes.module.css';

/** Pieces every node view uses. Config values are unknown until validated: views read them defensively. */

/** A config value as text ('' when it is not a string). */
export const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A config value as a number (forms store numbers as text), or `fallback`. */
export const num = (value: unknown, fallback: number): number => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
  return Number.isFinite(n) ? n : fallback;
};

/** A variable's name as a chip, or "no variable". */
export function VariableChip({ name }: { name: string }) {
  return name ? (
    <span className={styles.variableChip}>
      <Icon name="variable" size={11} />
      {name}
    </span>
  ) : (
    <span className={styles.placeholder}>no variable</span>
  );
}

/** Shows where a node stores its result: "→ answer". */
export function SavesAs({ variable, what }: { variable: string; what: string }) {
  return (
    <span className={styles.saveAs}>
      <span aria-hidden="true">→</span>
      <span className="sr-only">saves the {what} as</span>
      <VariableChip name={variable} />
    </span>
  );
}
