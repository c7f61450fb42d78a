'use client';

import { splitChoices } from '@parley/flow';
import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str, num, SavesAs } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

const INPUT_TYPE_LABELS: Record<string, string> = {
  text: 'Text',
  number: 'Number',
  email: 'Email',
  phone: 'Phone',
  date: 'Date',
  choice: 'Choice',
  name: 'Name',
};

export function AskView({ id, data, selected }: KindViewProps<'ask'>) {
  const question = str(data.config.question);
  const type = str(data.config.inputType) || 'text';
  const choices = type === 'choice' ? splitChoices(str(data.config.choices)) : [];
  const timeout = num(data.config.timeoutMinutes, 0);
  return (
    <NodeShell id={id} kind="ask" label={data.label} selected={selected}>
      {question ? (
        <p className={styles.preview}>
          <TemplateText text={question} />
        </p>
      ) : (
        <p className={styles.placeholder}>No question yet</p>
      )}
      <p className={styles.muted} data-testid={`ask-type-${id}`}>
        {INPUT_TYPE_LABELS[type] ?? type}
        {choices.length > 0 ? `: ${choices.slice(0, 3).join(' / ')}${choices.length > 3 ? ' …' : ''}` : ''}
        {type === 'text' && str(data.config.pattern) ? ' matching a pattern' : ''}
        {timeout > 0 ? ` · ${timeout} min timeout` : ''}
      </p>
      <SavesAs variable={str(data.config.variable)} what="answer" />
    </NodeShell>
  );
}
