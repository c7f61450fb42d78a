import { describe, expect, expectTypeOf, it } from 'vitest';
import { demoFlow } from './demo';
import { createNode, kindOutputs } from './layout';
import { nodeKinds } from './registry';
import { validateFlow } from './validate';

describe('createNode', () => {
  it("creates a node with the kind's default config", () => {
    const node = createNode('ask', 'q1', { x: 10, y: 20 });
    expect(node).toEqual({
      id: 'q1',
      kind: 'ask',
      position: { x: 10, y: 20 },
      config: { question: 'What can I help you with?', variable: 'answer', inputType: 'text', choices: '', pattern: '', retryPrompt: '', maxRetries: 2, timeoutMinutes: 0, answerFollowUps: 'yes', followUpKnowledgeBase: 'Help center' },
    });
    expectTypeOf(node.config.variable).toEqualTypeOf<string>();
  });

  it('gives each node its own config object', () => {
    const a = createNode('message', 'a', { x: 0, y: 0 });
    a.config.text = 'changed';
    expect(createNode('message', 'b', { x: 0, y: 0 }).config.text).toBe('Hello!');
    expect(nodeKinds.message.defaults.text).toBe('Hello!');
  });

  it('creates nodes that fit in a valid flow', () => {
    const flow = {
      ...demoFlow,
      nodes: [...demoFlow.nodes, createNode('end', 'end2', { x: 200, y: 0 })],
    };
    expect(validateFlow(flow).issues.map((i) => i.code)).toEqual(['node.unreachable']);
  });
});

describe('kindOutputs', () => {
  it("lists a kind's output ports", () => {
    expect(kindOutputs('ask').map((p) => p.id)).toEqual(['answered', 'invalid', 'timeout']);
    expect(kindOutputs('start').map((p) => p.id)).toEqual(['next']);
    expect(kindOutputs('end')).toEqual([]);
    expectTypeOf(kindOutputs('ask')[0]!.id).toEqualTypeOf<'answered' | 'invalid' | 'timeout'>();
  });
});
