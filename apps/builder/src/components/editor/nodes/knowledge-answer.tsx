'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str, SavesAs } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function KnowledgeAnswerView({ id, data, selected }: KindViewProps<'knowledge_answer'>) {
  const base = str(data.config.knowledgeBase);
  const question = str(data.config.question) || '{{last_message}}';
  return (
    <NodeShell id={id} kind="knowledge_answer" label={data.label} selected={selected}>
      <p className={styles.preview}>
        Search {base ? <strong>{base}</strong> : <span className={styles.placeholder}>no knowledge base</span>} for{' '}
        <TemplateText text={question} />
      </p>
      <p className={styles.muted}>Minimum score {String(data.config.minScore ?? 0.5)}</p>
      <SavesAs variable={str(data.config.variable)} what="answer" />
    </NodeShell>
  );
}
