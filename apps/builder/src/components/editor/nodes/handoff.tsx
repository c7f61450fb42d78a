'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function HandoffView({ id, data, selected }: KindViewProps<'handoff'>) {
  const team = str(data.config.team) || 'Support';
  const priority = str(data.config.priority) || 'normal';
  const message = str(data.config.message);
  return (
    <NodeShell id={id} kind="handoff" label={data.label} selected={selected}>
      <p className={styles.preview}>
        To <strong>{team}</strong>{' '}
        <span className={`badge ${priority === 'urgent' || priority === 'high' ? 'badge-warning' : ''}`}>{priority}</span>
      </p>
      {message ? (
        <p className={styles.muted}>
          <TemplateText text={message} />
        </p>
      ) : null}
    </NodeShell>
  );
}
