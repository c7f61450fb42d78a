'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str, SavesAs } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function AiReplyView({ id, data, selected }: KindViewProps<'ai_reply'>) {
  const base = str(data.config.knowledgeBase);
  const instructions = str(data.config.instructions);
  const onlyFromKnowledge = str(data.config.onlyFromKnowledge) !== 'no';
  return (
    <NodeShell id={id} kind="ai_reply" label={data.label} selected={selected}>
      {instructions ? (
        <p className={styles.preview}>
          <TemplateText text={instructions} />
        </p>
      ) : (
        <p className={styles.placeholder}>No instructions</p>
      )}
      <p className={styles.muted}>
        {base ? `Grounded on ${base}${onlyFromKnowledge ? ' only' : ''}` : 'No knowledge base'} · confidence ≥{' '}
        {String(data.config.minConfidence ?? 0.5)}
      </p>
      <SavesAs variable={str(data.config.variable)} what="reply" />
    </NodeShell>
  );
}
