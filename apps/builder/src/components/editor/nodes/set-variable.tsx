'use client';

import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function SetVariableView({ id, data, selected }: KindViewProps<'set_variable'>) {
  const lines = str(data.config.assignments)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return (
    <NodeShell id={id} kind="set_variable" label={data.label} selected={selected}>
      {lines.slice(0, 3).map((line, index) => (
        <p key={index} className={styles.preview}>
          <code>{line}</code>
        </p>
      ))}
      {lines.length > 3 ? <p className={styles.muted}>+{lines.length - 3} more</p> : null}
    </NodeShell>
  );
}
