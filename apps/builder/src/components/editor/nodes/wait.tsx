'use client';

import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function WaitView({ id, data, selected }: KindViewProps<'wait'>) {
  const until = str(data.config.until);
  const minutes = Number(data.config.minutes ?? 5);
  const text =
    data.config.mode === 'until' ? (until ? `Until ${until}` : 'Until — (not set)') : `For ${Number.isFinite(minutes) ? minutes : '?'} min`;
  return (
    <NodeShell id={id} kind="wait" label={data.label} selected={selected}>
      <p className={styles.preview}>{text}</p>
    </NodeShell>
  );
}
