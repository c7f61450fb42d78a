import type { CSSProperties } from 'react';
import styles from './labels.module.css';

/** A label as a chip: a dot of its colour and its name (text stays the theme's, for contrast). */
export function LabelChip({ label, onRemove }: { label: { name: string; color: string }; onRemove?: () => void }) {
  return (
    <span className={styles.chip} style={{ '--label-color': label.color } as CSSProperties} data-testid={`label-chip-${label.name}`}>
      <span className={styles.dot} aria-hidden="true" />
      {label.name}
      {onRemove ? (
        <button type="button" className={styles.remove} onClick={onRemove} aria-label={`Remove label ${label.name}`}>
          ×
        </button>
      ) : null}
    </span>
  );
}
