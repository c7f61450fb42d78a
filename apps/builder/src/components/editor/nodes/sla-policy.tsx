'use client';

import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function SlaPolicyView({ id, data, selected }: KindViewProps<'sla_policy'>) {
  const minutes = (value: unknown) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) return '—';
    return n >= 60 && n % 60 === 0 ? `${n / 60} h` : `${n} min`;
  };
  return (
    <NodeShell id={id} kind="sla_policy" label={data.label} selected={selected}>
      <p className={styles.preview}>
        First reply {minutes(data.config.firstResponse ?? 15)} · next {minutes(data.config.nextResponse ?? 30)} · resolve{' '}
        {minutes(data.config.resolution ?? 480)}
      </p>
      <p className={styles.muted}>
        {str(data.config.hours) || 'mon-fri 09:00-17:00'} ({str(data.config.timeZone) || 'UTC'})
      </p>
    </NodeShell>
  );
}
