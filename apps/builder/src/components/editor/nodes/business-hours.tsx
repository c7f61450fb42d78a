'use client';

import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function BusinessHoursView({ id, data, selected }: KindViewProps<'business_hours'>) {
  return (
    <NodeShell id={id} kind="business_hours" label={data.label} selected={selected}>
      <p className={styles.preview}>{str(data.config.hours) || 'mon-fri 09:00-17:00'}</p>
      <p className={styles.muted}>{str(data.config.timeZone) || 'UTC'}</p>
    </NodeShell>
  );
}
