'use client';

import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str, num, SavesAs } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

export function VoiceListenView({ id, data, selected }: KindViewProps<'voice_listen'>) {
  const prompt = str(data.config.prompt);
  return (
    <NodeShell id={id} kind="voice_listen" label={data.label} selected={selected}>
      {prompt ? (
        <p className={styles.preview}>
          <TemplateText text={prompt} />
        </p>
      ) : null}
      <p className={styles.muted}>Silence after {num(data.config.noInputSeconds, 8)} s</p>
      <SavesAs variable={str(data.config.variable) || 'utterance'} what="transcript" />
    </NodeShell>
  );
}
