'use client';

import type { NodeKind } from '@parley/flow';
import type { NodeProps } from '@xyflow/react';
import type { ComponentType } from 'react';
import type { StepNode } from '@/lib/graph';
import { TemplateText } from '../TemplateText';
import { NodeShell } from './NodeShell';
import { str, SavesAs } from './viewParts';
import { IntentRouterView, SentimentGateView } from './understandingViews';
import { AskView, StartView, VoiceListenView, VoiceSayView } from './inputViews';
import { CustomActivityView, HttpRequestView, SubflowView } from './integrationViews';
import styles from './nodes.module.css';

type NodeView = ComponentType<NodeProps<StepNode>>;

function MessageView({ id, data, selected }: NodeProps<StepNode>) {
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

function CsatView({ id, data, selected }: NodeProps<StepNode>) {
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

function ConditionView({ id, data, selected }: NodeProps<StepNode>) {
  const branches = [str(data.config.if) || 'true', str(data.config.elseIf1), str(data.config.elseIf2)].filter(Boolean);
  return (
    <NodeShell id={id} kind="condition" label={data.label} selected={selected}>
      {branches.map((branch, index) => (
        <p key={index} className={styles.preview}>
          <span className={styles.muted}>{index === 0 ? 'if ' : 'else if '}</span>
          <code>{branch}</code>
        </p>
      ))}
    </NodeShell>
  );
}

function SetVariableView({ id, data, selected }: NodeProps<StepNode>) {
  const lines = str(data.config.assignments)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  return (
    <NodeShell id={id} kind="set_variable" label={data.label} selected={selected}>
      {lines.slice(0, 3).map((line, index) => (
        <p key={index} className={styles.preview}>
          <code>{line}</code>
        </p>
      ))}
      {lines.length > 3 ? <p className={styles.muted}>+{lines.length - 3} more</p> : null}
    </NodeShell>
  );
}

function WaitView({ id, data, selected }: NodeProps<StepNode>) {
  const until = str(data.config.until);
  const minutes = Number(data.config.minutes ?? 5);
  const text =
    data.config.mode === 'until' ? (until ? `Until ${until}` : 'Until — (not set)') : `For ${Number.isFinite(minutes) ? minutes : '?'} min`;
  return (
    <NodeShell id={id} kind="wait" label={data.label} selected={selected}>
      <p className={styles.preview}>{text}</p>
    </NodeShell>
  );
}

function BusinessHoursView({ id, data, selected }: NodeProps<StepNode>) {
  return (
    <NodeShell id={id} kind="business_hours" label={data.label} selected={selected}>
      <p className={styles.preview}>{str(data.config.hours) || 'mon-fri 09:00-17:00'}</p>
      <p className={styles.muted}>{str(data.config.timeZone) || 'UTC'}</p>
    </NodeShell>
  );
}

function SlaPolicyView({ id, data, selected }: NodeProps<StepNode>) {
  const minutes = (value: unknown) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) return '—';
    return n >= 60 && n % 60 === 0 ? `${n / 60} h` : `${n} min`;
  };
  return (
    <NodeShell id={id} kind="sla_policy" label={data.label} selected={selected}>
      <p className={styles.preview}>
        First reply {minutes(data.config.firstResponse ?? 15)} · next {minutes(data.config.nextResponse ?? 30)} · resolve{' '}
        {minutes(data.config.resolution ?? 480)}
      </p>
      <p className={styles.muted}>
        {str(data.config.hours) || 'mon-fri 09:00-17:00'} ({str(data.config.timeZone) || 'UTC'})
      </p>
    </NodeShell>
  );
}

function HandoffView({ id, data, selected }: NodeProps<StepNode>) {
  const team = str(data.config.team) || 'Support';
  const priority = str(data.config.priority) || 'normal';
  const message = str(data.config.message);
  return (
    <NodeShell id={id} kind="handoff" label={data.label} selected={selected}>
      <p className={styles.preview}>
        To <strong>{team}</strong>{' '}
        <span className={`badge ${priority === 'urgent' || priority === 'high' ? 'badge-warning' : ''}`}>{priority}</span>
      </p>
      {message ? (
        <p className={styles.muted}>
          <TemplateText text={message} />
        </p>
      ) : null}
    </NodeShell>
  );
}

function KnowledgeAnswerView({ id, data, selected }: NodeProps<StepNode>) {
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

function AiReplyView({ id, data, selected }: NodeProps<StepNode>) {
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

function EndView({ id, data, selected }: NodeProps<StepNode>) {
  const status = str(data.config.status) || 'resolved';
  return (
    <NodeShell id={id} kind="end" label={data.label} selected={selected}>
      <span className={styles.endStatus}>
        Mark as{' '}
        <span className={`badge ${status === 'resolved' ? 'badge-success' : ''}`} data-testid={`end-status-${id}`}>
          {status}
        </span>
      </span>
    </NodeShell>
  );
}

/**
 * One view per node kind. `satisfies Record<NodeKind, …>`: a kind added to @parley/flow without a
 * view here is a compile error. Used directly as React Flow's `nodeTypes` (node.type = kind).
 */
export const nodeViews = {
  start: StartView,
  message: MessageView,
  ask: AskView,
  csat: CsatView,
  condition: ConditionView,
  intent_router: IntentRouterView,
  sentiment_gate: SentimentGateView,
  set_variable: SetVariableView,
  wait: WaitView,
  business_hours: BusinessHoursView,
  sla_policy: SlaPolicyView,
  handoff: HandoffView,
  voice_say: VoiceSayView,
  voice_listen: VoiceListenView,
  knowledge_answer: KnowledgeAnswerView,
  ai_reply: AiReplyView,
  http_request: HttpRequestView,
  custom_activity: CustomActivityView,
  subflow: SubflowView,
  end: EndView,
} satisfies Record<NodeKind, NodeView>;
