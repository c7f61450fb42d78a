import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { configFields } from './fields';
import type { AnyTypedNode, TypedNode } from './graph';
import {
  getNodeKind,
  isNodeKind,
  NODE_KINDS,
  type NodeConfig,
  type NodeKind,
  nodeKinds,
  nodeKindSchema,
  type OutputPortId,
} from './registry';

describe('node kind registry', () => {
  it('lists the kinds in palette order', () => {
    expect(NODE_KINDS).toEqual([
      'start', 'message', 'voice_say', 'ask', 'voice_listen', 'csat', 'condition', 'set_variable', 'wait', 'business_hours', 'subflow',
      'intent_router', 'sentiment_gate', 'knowledge_answer', 'ai_reply', 'sla_policy', 'handoff', 'http_request', 'custom_activity', 'end',
    ]);
  });

  it('keys every definition by its own kind id', () => {
    for (const [key, definition] of Object.entries(nodeKinds)) expect(definition.kind).toBe(key);
  });

  it.each(NODE_KINDS)('%s: defaults are a valid config', (kind) => {
    const definition = getNodeKind(kind);
    expect(definition.config.safeParse(definition.defaults).success).toBe(true);
  });

  it.each(NODE_KINDS)('%s: every config field has a title and a widget in its meta', (kind) => {
    for (const field of configFields(kind)) {
      const meta = z.globalRegistry.get(getNodeKind(kind).config.shape[field.name]!);
      expect(meta?.title, `${kind}.${field.name}`).toEqual(expect.any(String));
      expect([
        ...['text', 'textarea', 'variable', 'select', 'intents', 'team', 'skills', 'list', 'headers', 'mappings'],
        ...['assignments', 'json', 'activity-input', 'activity-output'],
      ]).toContain(meta?.widget);
    }
  });

  it('describes ports: start has no input, end has no outputs', () => {
    expect(nodeKinds.start.ports).toEqual({ input: false, outputs: [{ id: 'next', label: 'Next' }] });
    expect(nodeKinds.message.ports.outputs.map((o) => o.id)).toEqual(['next']);
    expect(nodeKinds.ask.ports.outputs.map((o) => o.id)).toEqual(['answered', 'invalid', 'timeout']);
    expect(nodeKinds.end.ports).toEqual({ input: true, outputs: [] });
  });

  it('gives each kind palette metadata', () => {
    expect(NODE_KINDS.map((k) => [k, nodeKinds[k].category])).toEqual([
      ['start', 'flow'],
      ['message', 'messaging'],
      ['voice_say', 'messaging'],
      ['ask', 'input'],
      ['voice_listen', 'input'],
      ['csat', 'input'],
      ['condition', 'flow'],
      ['set_variable', 'flow'],
      ['wait', 'flow'],
      ['business_hours', 'flow'],
      ['subflow', 'flow'],
      ['intent_router', 'ai'],
      ['sentiment_gate', 'ai'],
      ['knowledge_answer', 'ai'],
      ['ai_reply', 'ai'],
      ['sla_policy', 'human'],
      ['handoff', 'human'],
      ['http_request', 'integrations'],
      ['custom_activity', 'integrations'],
      ['end', 'flow'],
    ]);
  });

  it('validates kind ids', () => {
    expect(nodeKindSchema.safeParse('ask').success).toBe(true);
    expect(nodeKindSchema.safeParse('teleport').success).toBe(false);
    expect(isNodeKind('end')).toBe(true);
    expect(isNodeKind('toString')).toBe(false);
    expect(isNodeKind(3)).toBe(false);
  });

  it('exposes form layout through JSON Schema too (for generated property forms)', () => {
    const schema = z.toJSONSchema(nodeKinds.ask.config) as { properties: Record<string, Record<string, unknown>> };
    expect(schema.properties.variable).toMatchObject({ title: 'Save answer as', widget: 'variable' });
    expect(schema.properties.question).toMatchObject({ widget: 'textarea', template: true, maxLength: 2000 });
  });

  it('reads fields for forms, including select options and required flags', () => {
    expect(configFields('end')).toEqual([
      expect.objectContaining({ name: 'status', required: false, options: ['resolved', 'closed'] }),
      expect.objectContaining({ name: 'message', required: false, meta: expect.objectContaining({ widget: 'textarea', template: true }) }),
    ]);
    expect(configFields('ask').map((f) => [f.name, f.meta.widget, f.required])).toEqual([
      ['question', 'textarea', true],
      ['variable', 'variable', true],
      ['inputType', 'select', false],
      ['choices', 'textarea', false],
      ['pattern', 'text', false],
      ['retryPrompt', 'textarea', false],
      ['maxRetries', 'text', false],
      ['timeoutMinutes', 'text', false],
      ['answerFollowUps', 'select', false],
      ['followUpKnowledgeBase', 'text', false],
    ]);
    expect(configFields('start').map((f) => [f.name, f.meta.widget, f.required])).toEqual([
      ['channels', 'text', false],
      ['triggers', 'list', false],
      ['variables', 'assignments', false],
    ]);
  });

  it('reads number bounds and steps from the schema, for number inputs', () => {
    const byName = (kind: NodeKind) => Object.fromEntries(configFields(kind).map((f) => [f.name, f.number]));
    expect(byName('ask')).toMatchObject({ maxRetries: { min: 0, max: 5, step: 1 }, question: undefined });
    expect(byName('http_request').timeoutSeconds).toEqual({ min: 1, max: 30, step: 1 });
    expect(byName('intent_router').threshold).toEqual({ min: 0, max: 1, step: 0.01 });
  });

  it('keeps literal types for kinds, configs and ports', () => {
    expectTypeOf<NodeKind>().toEqualTypeOf<
      | 'start'
      | 'message'
      | 'ask'
      | 'csat'
      | 'condition'
      | 'intent_router'
      | 'sentiment_gate'
      | 'set_variable'
      | 'wait'
      | 'business_hours'
      | 'sla_policy'
      | 'handoff'
      | 'voice_say'
      | 'voice_listen'
      | 'knowledge_answer'
      | 'ai_reply'
      | 'http_request'
      | 'custom_activity'
      | 'subflow'
      | 'end'
    >();
    expectTypeOf<OutputPortId<'handoff'>>().toEqualTypeOf<'resolved' | 'returned'>();
    expectTypeOf<NodeConfig<'message'>>().toEqualTypeOf<{ text: string; quickReplies: string; mediaUrl: string; voiceText: string }>();
    expectTypeOf<NodeConfig<'ask'>>().toEqualTypeOf<{
      question: string;
      variable: string;
      inputType: 'text' | 'number' | 'email' | 'phone' | 'date' | 'choice' | 'name';
      choices: string;
      pattern: string;
      retryPrompt: string;
      maxRetries: number;
      timeoutMinutes: number;
      answerFollowUps: 'yes' | 'no';
      followUpKnowledgeBase: string;
    }>();
    expectTypeOf<NodeConfig<'end'>>().toEqualTypeOf<{ status: 'resolved' | 'closed'; message: string }>();
    expectTypeOf<OutputPortId<'ask'>>().toEqualTypeOf<'answered' | 'invalid' | 'timeout'>();
    expectTypeOf<OutputPortId<'end'>>().toEqualTypeOf<never>();
    expectTypeOf<TypedNode<'ask'>['config']['variable']>().toEqualTypeOf<string>();
  });

  it('makes maps keyed by kind exhaustive at compile time', () => {
    const icons = { start: 'play', message: 'm', ask: 'a', csat: 'c', condition: 'i', intent_router: 'ir', sentiment_gate: 'sg', set_variable: 'v', wait: 'w', business_hours: 'b', sla_policy: 's', handoff: 'h', voice_say: 'vs', voice_listen: 'vl', knowledge_answer: 'k', ai_reply: 'r', http_request: 'hr', custom_activity: 'ca', subflow: 'sf', end: 'e' } satisfies Record<NodeKind, string>;
    // @ts-expect-error -- a map missing a kind (here `end`) must not compile.
    const incomplete = { start: 'play', message: 'm', ask: 'a', csat: 'c', condition: 'i', intent_router: 'ir', sentiment_gate: 'sg', set_variable: 'v', wait: 'w', business_hours: 'b', sla_policy: 's', handoff: 'h', voice_say: 'vs', voice_listen: 'vl', knowledge_answer: 'k', ai_reply: 'r', http_request: 'hr', custom_activity: 'ca', subflow: 'sf' } satisfies Record<NodeKind, string>;
    expect(Object.keys(icons).sort()).toEqual([...NODE_KINDS].sort());
    expect(Object.keys(incomplete)).toHaveLength(NODE_KINDS.length - 1);
  });

  it('narrows node configs by kind', () => {
    const describe = (node: AnyTypedNode): string => {
      switch (node.kind) {
        case 'message':
          return node.config.text;
        case 'ask':
          return node.config.variable;
        case 'end':
          return node.config.status;
        case 'handoff':
          return node.config.team;
        case 'sla_policy':
        case 'business_hours':
          return node.config.hours;
        case 'csat':
          return node.config.variable;
        case 'wait':
          return node.config.mode;
        case 'condition':
          return node.config.if;
        case 'set_variable':
          return node.config.assignments;
        case 'intent_router':
        case 'sentiment_gate':
          return node.config.text;
        case 'knowledge_answer':
        case 'ai_reply':
          return node.config.knowledgeBase;
        case 'start':
          return node.config.channels;
        case 'voice_say':
          return node.config.text;
        case 'voice_listen':
          return node.config.variable;
        case 'http_request':
          return node.config.url;
        case 'custom_activity':
          return node.config.activity;
        case 'subflow':
          return node.config.flowId;
      }
    };
    expect(describe({ id: 'a', kind: 'ask', position: { x: 0, y: 0 }, config: { ...nodeKinds.ask.defaults, question: 'Q', variable: 'v' } })).toBe('v');
  });
});
