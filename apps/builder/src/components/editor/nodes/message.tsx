'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function MessageView({ id, data, selected }: KindViewProps<'message'>) {
  const text = str(data.config.text);
  return (
    <NodeShell id={id} kind="message" label={data.label} selected={selected}>
      {text ? (
        <p className={styles.preview}>
          <TemplateText text={text} />
        </p>
      ) : (
        <p className={styles.placeholder}>No text yet</p>
      )}
    </NodeShell>
  );
}
