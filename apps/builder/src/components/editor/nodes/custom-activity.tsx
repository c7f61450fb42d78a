'use client';

import { NodeShell } from './NodeShell';
import { MappingLines } from './MappingLines';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function CustomActivityView({ id, data, selected }: KindViewProps<'custom_activity'>) {
  const activity = str(data.config.activity);
  return (
    <NodeShell id={id} kind="custom_activity" label={data.label} selected={selected}>
      <p className={styles.preview}>
        {activity ? <strong>{activity}</strong> : <span className={styles.placeholder}>no activity</span>}
      </p>
      <MappingLines value={data.config.output} />
    </NodeShell>
  );
}
