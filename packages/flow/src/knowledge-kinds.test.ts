import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_VERSION, type FlowGraph } from './graph';
import { nodeKinds } from './registry';
import { validateFlow } from './validate';

/** start → node under test, each of its ports to its own end. */
function flowWith(kind: 'knowledge_answer' | 'ai_reply', config: Record<string, unknown>, ports: string[]): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: 'start', kind: 'start', position: { x: 0, y: 0 }, config: {} },
      { id: 'n', kind, position: { x: 0, y: 100 }, config },
      ...ports.map((port, i) => ({ id: `end_${port}`, kind: 'end' as const, position: { x: i * 200, y: 200 }, config: {} })),
    ],
    edges: [
      { id: 'e0', source: 'start', sourcePort: 'next', target: 'n' },
      ...ports.map((port) => ({ id: `e_${port}`, source: 'n', sourcePort: port, target: `end_${port}` })),
    ],
  };
}

describe('knowledge_answer', () => {
  it('has answered and not_found ports and defaults to the latest message', () => {
    expect(nodeKinds.knowledge_answer.ports.outputs.map((p) => p.id)).toEqual(['answered', 'not_found']);
    expect(nodeKinds.knowledge_answer.defaults).toMatchObject({ question: '{{last_message}}', minScore: 0.45 });
  });

  it('validates with both ports wired, filling defaults; the answer variable becomes known', () => {
    const result = validateFlow(flowWith('knowledge_answer', { knowledgeBase: 'Help center', minScore: '0.7' }, ['answered', 'not_found']));
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(result.graph!.nodes[1]!.config).toEqual({ knowledgeBase: 'Help center', question: '{{last_message}}', minScore: 0.7, variable: 'kb_answer' });
  });

  it('reports a missing knowledge base, a score outside 0..1 and an unwired not_found port', () => {
    const result = validateFlow(flowWith('knowledge_answer', { knowledgeBase: '  ', minScore: 2 }, ['answered']));
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => [issue.code, issue.field ?? issue.port])).toEqual(
      expect.arrayContaining([
        ['config.invalid', 'knowledgeBase'],
        ['config.invalid', 'minScore'],
      ]),
    );
    const unwired = validateFlow(flowWith('knowledge_answer', {}, ['answered']));
    expect(unwired.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'port.unconnected', port: 'not_found' })]));
  });
});

describe('ai_reply', () => {
  it('has replied and handoff ports; the knowledge base may be empty', () => {
    expect(nodeKinds.ai_reply.ports.outputs.map((p) => p.id)).toEqual(['replied', 'handoff']);
    const result = validateFlow(flowWith('ai_reply', { knowledgeBase: '', onlyFromKnowledge: 'no' }, ['replied', 'handoff']));
    expect(result.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(result.graph!.nodes[1]!.config).toMatchObject({ knowledgeBase: '', onlyFromKnowledge: 'no', minConfidence: 0.5, variable: 'ai_reply' });
  });

  it('rejects an unknown grounding mode and a negative threshold', () => {
    const result = validateFlow(flowWith('ai_reply', { onlyFromKnowledge: 'maybe', minConfidence: -0.1 }, ['replied', 'handoff']));
    expect(result.issues.filter((i) => i.code === 'config.invalid').map((i) => i.field)).toEqual(['onlyFromKnowledge', 'minConfidence']);
  });
});
