'use client';

import { splitChannels, splitChoices } from '@parley/flow';
import type { NodeProps } from '@xyflow/react';
import type { StepNode } from '@/lib/graph';
import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str, num, SavesAs } from './viewParts';
import styles from './nodes.module.css';

/** Node views of the input and channel kinds: start, ask, voice say, voice listen. */

const CHANNEL_LABELS: Record<string, string> = {
  web: 'Web chat',
  voice: 'Voice',
  sms: 'SMS',
  whatsapp: 'WhatsApp',
  email: 'Email',
  api: 'API',
};

const INPUT_TYPE_LABELS: Record<string, string> = {
  text: 'Text',
  number: 'Number',
  email: 'Email',
  phone: 'Phone',
  date: 'Date',
  choice: 'Choice',
  name: 'Name',
};

export function StartView({ id, data, selected }: NodeProps<StepNode>) {
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

export function AskView({ id, data, selected }: NodeProps<StepNode>) {
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

export function VoiceSayView({ id, data, selected }: NodeProps<StepNode>) {
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

export function VoiceListenView({ id, data, selected }: NodeProps<StepNode>) {
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
