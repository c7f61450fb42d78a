'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function VoiceSayView({ id, data, selected }: KindViewProps<'voice_say'>) {
  const text = str(data.config.text);
  const voice = str(data.config.voice);
  return (
    <NodeShell id={id} kind="voice_say" label={data.label} selected={selected}>
      {text ? (
        <p className={styles.preview}>
          <TemplateText text={text} />
        </p>
      ) : (
        <p className={styles.placeholder}>Nothing to say yet</p>
      )}
      <p className={styles.muted}>{voice ? `Voice ${voice}` : 'Default voice'}</p>
    </NodeShell>
  );
}
