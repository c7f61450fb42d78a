import { z } from 'zod';
import type { AnyNodeKind } from './node-kind';
import { ask } from './kinds/ask';
import { businessHours } from './kinds/business-hours';
import { condition } from './kinds/condition';
import { csat } from './kinds/csat';
import { setVariable } from './kinds/set-variable';
import { wait } from './kinds/wait';
import { end } from './kinds/end';
import { httpRequest } from './kinds/http-request';
import { customActivity } from './kinds/custom-activity';
import { subflow } from './kinds/subflow';
import { handoff } from './kinds/handoff';
import { intentRouter } from './kinds/intent-router';
import { sentimentGate } from './kinds/sentiment-gate';
import { knowledgeAnswer } from './kinds/knowledge-answer';
import { aiReply } from './kinds/ai-reply';
import { slaPolicy } from './kinds/sla-policy';
import { message } from './kinds/message';
import { start } from './kinds/start';
import { voiceSay } from './kinds/voice-say';
import { voiceListen } from './kinds/voice-listen';

/**
 * The registry of node kinds. Adding a kind = one file under kinds/ + one line here. `NodeKind`
 * is derived from this object's keys, so every `satisfies Record<NodeKind, ...>` map elsewhere
 * (interpreter steps, builder icons/views) stops compiling until the new kind is handled.
 * Keys must equal each definition's `kind` (a test checks it).
 */
export const nodeKinds = {
  start,
  message,
  voice_say: voiceSay,
  ask,
  voice_listen: voiceListen,
  csat,
  condition,
  set_variable: setVariable,
  wait,
  business_hours: businessHours,
  subflow,
  intent_router: intentRouter,
  sentiment_gate: sentimentGate,
  knowledge_answer: knowledgeAnswer,
  ai_reply: aiReply,
  sla_policy: slaPolicy,
  handoff,
  http_request: httpRequest,
  custom_activity: customActivity,
  end,
} as const satisfies Record<string, AnyNodeKind>;

export type NodeKind = keyof typeof nodeKinds;

/** Kind ids in palette order, as a non-empty tuple so `z.enum` accepts it. */
export const NODE_KINDS = Object.keys(nodeKinds) as [NodeKind, ...NodeKind[]];

export const nodeKindSchema = z.enum(NODE_KINDS);

/** The definition of one kind, with its literal types. */
export type NodeKindOf<K extends NodeKind> = (typeof nodeKinds)[K];

/** The parsed (output) config of kind K, e.g. `NodeConfig<'ask'>` = `{ question: string; variable: string }`. */
export type NodeConfig<K extends NodeKind> = z.infer<NodeKindOf<K>['config']>;

/** The ids of kind K's output ports, e.g. `OutputPortId<'ask'>` = `'answered'`. */
export type OutputPortId<K extends NodeKind> = NodeKindOf<K>['ports']['outputs'][number]['id'];

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && Object.hasOwn(nodeKinds, value);
}

/** Loosely typed lookup for generic code (validation, forms) that handles every kind alike. */
export function getNodeKind(kind: NodeKind): AnyNodeKind {
  return nodeKinds[kind];
}
