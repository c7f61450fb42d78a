'use client';

import type { ReactNode } from 'react';
import { Icon } from '@parley/ui';
import { moveItem } from './lines';
import styles from './fields.module.css';

/**
 * A list editor's frame: each row with move up, move down and remove buttons, and an add
 * button below. The caller renders a row's inputs and owns the items.
 */
export function Rows<T>({
  items,
  onChange,
  renderRow,
  newItem,
  addLabel,
  testId,
}: {
  items: readonly T[];
  onChange: (items: T[]) => void;
  renderRow: (item: T, update: (item: T) => void, index: number) => ReactNode;
  newItem: () => T;
  addLabel: string;
  testId: string;
}) {
  return (
    <div className={styles.rows} data-testid={testId}>
      {items.map((item, index) => (
        <div key={index} className={styles.row} data-testid={`${testId}-row`}>
          <div className={styles.rowMain}>{renderRow(item, (next) => onChange(items.map((old, i) => (i === index ? next : old))), index)}</div>
          <div className={styles.rowButtons}>
            <button type="button" className={styles.iconButton} aria-label={`Move row ${index + 1} up`} disabled={index === 0} onClick={() => onChange(moveItem(items, index, -1))}>
              <Icon name="chevron-up" size={14} />
            </button>
            <button type="button" className={styles.iconButton} aria-label={`Move row ${index + 1} down`} disabled={index === items.length - 1} onClick={() => onChange(moveItem(items, index, 1))}>
              <Icon name="chevron-down" size={14} />
            </button>
            <button type="button" className={styles.iconButton} aria-label={`Remove row ${index + 1}`} onClick={() => onChange(items.filter((_, i) => i !== index))}>
              <Icon name="x" size={14} />
            </button>
          </div>
        </div>
      ))}
      <button type="button" className={`btn btn-sm ${styles.addRow}`} onClick={() => onChange([...items, newItem()])} data-testid={`${testId}-add`}>
        <Icon name="plus" size={13} />
        {addLabel}
      </button>
    </div>
  );
}
