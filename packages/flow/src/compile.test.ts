import { describe, expect, it } from 'vitest';
import { baseFlow, clone } from '../test/fixtures';
import { compileFlow, FlowCompileError, nextNodeId, normalizeCompiledFlow } from './compile';

describe('compileFlow', () => {
  it('maps every port of every node to the next node', () => {
    const compiled = compileFlow(baseFlow());
    expect(compiled.schemaVersion).toBe(1);
    expect(compiled.startNodeId).toBe('start');
    expect(compiled.next).toEqual({
      start: { next: 'hello' },
      hello: { next: 'ask' },
      ask: { answered: 'bye' },
      bye: { next: 'end' },
      end: {},
    });
    expect(Object.keys(compiled.nodes)).toEqual(['start', 'hello', 'ask', 'bye', 'end']);
    expect(compiled.nodes.ask?.config).toEqual({ question: 'What is your name?', variable: 'name', inputType: 'text', choices: '', pattern: '', retryPrompt: '', maxRetries: 2, timeoutMinutes: 0, answerFollowUps: 'no', followUpKnowledgeBase: 'Help center' });
  });

  it('is plain JSON that survives serialization (Temporal payloads)', () => {
    const compiled = compileFlow(baseFlow());
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(compiled);
    expect(Object.getPrototypeOf(compiled.next)).toBe(Object.prototype);
  });

  it('applies config defaults', () => {
    const flow = baseFlow();
    flow.nodes[4]!.config = {};
    expect(compileFlow(flow).nodes.end?.config).toEqual({ status: 'resolved', message: '' });
  });

  it('leaves out unreachable nodes (warnings do not block)', () => {
    const flow = baseFlow();
    flow.nodes.push({ id: 'orphan', kind: 'message', position: { x: 0, y: 0 }, config: { text: 'x' } });
    const compiled = compileFlow(flow);
    expect(compiled.nodes).not.toHaveProperty('orphan');
    expect(compiled.next).not.toHaveProperty('orphan');
  });

  it('compiles loops', () => {
    const flow = baseFlow();
    flow.edges[3]!.target = 'ask'; // bye → ask again; end becomes unreachable
    const compiled = compileFlow(flow);
    expect(compiled.next).toEqual({
      start: { next: 'hello' },
      hello: { next: 'ask' },
      ask: { answered: 'bye' },
      bye: { next: 'ask' },
    });
  });

  it('throws FlowCompileError with all issues when the flow has errors', () => {
    const flow = baseFlow();
    flow.edges.pop();
    flow.nodes[1]!.config = { text: '' };
    let error: unknown;
    try {
      compileFlow(flow);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(FlowCompileError);
    const issues = (error as FlowCompileError).issues;
    expect(issues.map((i) => i.code)).toEqual(['config.invalid', 'port.unconnected', 'node.unreachable']);
    expect((error as Error).message).toMatch(/^Flow has 2 errors: Message "hello": Text — Required \| /);
  });

  it('handles node ids that are also Object.prototype names', () => {
    const flow = clone(baseFlow());
    flow.nodes[1]!.id = '__proto__';
    flow.edges[0]!.target = '__proto__';
    flow.edges[1]!.source = '__proto__';
    const compiled = JSON.parse(JSON.stringify(compileFlow(flow))) as ReturnType<typeof compileFlow>;
    expect(nextNodeId(compiled, 'start', 'next')).toBe('__proto__');
    expect(nextNodeId(compiled, '__proto__', 'next')).toBe('ask');
  });
});

describe('nextNodeId', () => {
  const compiled = compileFlow(baseFlow());

  it('follows a port', () => {
    expect(nextNodeId(compiled, 'ask', 'answered')).toBe('bye');
    expect(nextNodeId(compiled, 'start', 'next')).toBe('hello');
  });

  it('returns undefined for unknown nodes and ports, including prototype names', () => {
    expect(nextNodeId(compiled, 'end', 'next')).toBeUndefined();
    expect(nextNodeId(compiled, 'ask', 'next')).toBeUndefined();
    expect(nextNodeId(compiled, 'nope', 'next')).toBeUndefined();
    expect(nextNodeId(compiled, 'constructor', 'name')).toBeUndefined();
    expect(nextNodeId(compiled, 'ask', 'toString')).toBeUndefined();
  });
});

describe('normalizeCompiledFlow', () => {
  it('fills in config fields added after a conversation loaded its flow', () => {
    const compiled = compileFlow(baseFlow());
    // As recorded before `message` gained quick replies, media and a spoken variant:
    compiled.nodes.hello!.config = { text: 'Hi' };
    expect(normalizeCompiledFlow(compiled).nodes.hello?.config).toEqual({ text: 'Hi', quickReplies: '', mediaUrl: '', voiceText: '' });
  });
});
