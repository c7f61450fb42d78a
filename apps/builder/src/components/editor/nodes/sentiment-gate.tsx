'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str, num, VariableChip } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function SentimentGateView({ id, data, selected }: KindViewProps<'sentiment_gate'>) {
  const text = str(data.config.text) || '{{last_message}}';
  return (
    <NodeShell id={id} kind="sentiment_gate" label={data.label} selected={selected}>
      <p className={styles.preview}>
        Score <TemplateText text={text} />
      </p>
      <p className={styles.muted}>Negative below {num(data.config.threshold, -0.3)}</p>
      <span className={styles.saveAs}>
        <span aria-hidden="true">→</span>
        <span className="sr-only">saves the score as</span>
        <VariableChip name={str(data.config.variable)} />
      </span>
    </NodeShell>
  );
}
