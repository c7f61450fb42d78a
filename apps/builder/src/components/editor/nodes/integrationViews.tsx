'use client';

import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '@/lib/graph';
import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import styles from './nodes.module.css';

/** Node views of the integration kinds: HTTP request, custom activity, subflow. */

/** The meaningful lines of a mapping field (no blanks, no # comments). */
const lines = (value: unknown) =>
  str(value)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

function MappingLines({ value, empty }: { value: unknown; empty?: string }) {
  const list = lines(value);
  if (list.length === 0) return empty ? <p className={styles.placeholder}>{empty}</p> : null;
  return (
    <>
      {list.slice(0, 3).map((line, index) => (
        <p key={index} className={styles.preview}>
          <code>{line}</code>
        </p>
      ))}
      {list.length > 3 ? <p className={styles.muted}>+{list.length - 3} more</p> : null}
    </>
  );
}

export function HttpRequestView({ id, data, selected }: NodeProps<StepNode>) {
  const method = str(data.config.method) || 'GET';
  const url = str(data.config.url);
  return (
    <NodeShell id={id} kind="http_request" label={data.label} selected={selected}>
      <p className={styles.preview}>
        <span className="badge">{method}</span>{' '}
        {url ? <TemplateText text={url} /> : <span className={styles.placeholder}>no URL</span>}
      </p>
      <MappingLines value={data.config.responseMapping} />
    </NodeShell>
  );
}

export function CustomActivityView({ id, data, selected }: NodeProps<StepNode>) {
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

/** Shows the called flow's id (validation names the flow when the id is wrong) and the outputs. */
export function SubflowView({ id, data, selected }: NodeProps<StepNode>) {
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
