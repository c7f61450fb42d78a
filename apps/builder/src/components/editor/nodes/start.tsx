'use client';

import { splitChannels } from '@parley/flow';
import { NodeShell } from './NodeShell';
import { str } from './viewParts';
import type { KindViewProps } from './view-props';
import styles from './nodes.module.css';

const CHANNEL_LABELS: Record<string, string> = {
  web: 'Web chat',
  voice: 'Voice',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  email: 'Email',
  api: 'API',
};

export function StartView({ id, data, selected }: KindViewProps<'start'>) {
  // Stored start nodes from before channels existed allow every channel (the schema default).
  const channels = data.config.channels === undefined ? Object.keys(CHANNEL_LABELS) : splitChannels(str(data.config.channels));
  const triggers = str(data.config.triggers)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return (
    <NodeShell id={id} kind="start" label={data.label} selected={selected}>
      <p className={styles.muted} data-testid={`start-channels-${id}`}>
        {channels.length === Object.keys(CHANNEL_LABELS).length
          ? 'Any channel'
          : channels.map((channel) => CHANNEL_LABELS[channel] ?? channel).join(' · ') || 'No channel'}
      </p>
      {triggers.length > 0 ? (
        <p className={styles.preview}>
          <span className={styles.muted}>when </span>
          {triggers.slice(0, 3).map((trigger, index) => (
            <span key={index}>
              {index > 0 ? ', ' : ''}
              <code>{trigger}</code>
            </span>
          ))}
          {triggers.length > 3 ? <span className={styles.muted}> +{triggers.length - 3}</span> : null}
        </p>
      ) : (
        <p className={styles.muted}>When a contact writes in</p>
      )}
    </NodeShell>
  );
}
