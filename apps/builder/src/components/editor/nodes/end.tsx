'use client';

import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function EndView({ id, data, selected }: KindViewProps<'end'>) {
  const status = str(data.config.status) || 'resolved';
  return (
    <NodeShell id={id} kind="end" label={data.label} selected={selected}>
      <span className={styles.endStatus}>
        Mark as{' '}
        <span className={`badge ${status === 'resolved' ? 'badge-success' : ''}`} data-testid={`end-status-${id}`}>
          {status}
        </span>
      </span>
    </NodeShell>
  );
}
