'use client';

import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function ConditionView({ id, data, selected }: KindViewProps<'condition'>) {
  const branches = [str(data.config.if) || 'true', str(data.config.elseIf1), str(data.config.elseIf2)].filter(Boolean);
  return (
    <NodeShell id={id} kind="condition" label={data.label} selected={selected}>
      {branches.map((branch, index) => (
        <p key={index} className={styles.preview}>
          <span className={styles.muted}>{index === 0 ? 'if ' : 'else if '}</span>
          <code>{branch}</code>
        </p>
      ))}
    </NodeShell>
  );
}
