'use client';

import { NodeShell } from './NodeShell';
import { MappingLines } from './MappingLines';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

/** Shows the called flow's id (validation names the flow when the id is wrong) and the outputs. */
export function SubflowView({ id, data, selected }: KindViewProps<'subflow'>) {
  const flowId = str(data.config.flowId);
  return (
    <NodeShell id={id} kind="subflow" label={data.label} selected={selected}>
      <p className={styles.preview}>
        Run {flowId ? <code>{flowId}</code> : <span className={styles.placeholder}>no flow chosen</span>}
      </p>
      <MappingLines value={data.config.outputs} />
    </NodeShell>
  );
}
