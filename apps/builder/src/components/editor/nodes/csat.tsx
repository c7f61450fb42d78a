'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function CsatView({ id, data, selected }: KindViewProps<'csat'>) {
  const question = str(data.config.question) || 'How would you rate this conversation?';
  return (
    <NodeShell id={id} kind="csat" label={data.label} selected={selected}>
      <p className={styles.preview}>
        <TemplateText text={question} />
      </p>
      <p className={styles.muted}>
        Scale {str(data.config.scale) || '1-5'} → {str(data.config.variable) || 'csat'}
      </p>
    </NodeShell>
  );
}
