import { describe, expect, it } from 'vitest';
import { baseFlow, clone, codes, only } from '../test/fixtures';
import type { FlowGraph } from './graph';
import { validateFlow } from './validate';
import { demoFlow } from './demo';

describe('validateFlow: a valid flow', () => {
  it('accepts the base fixture with no issues and returns the graph', () => {
    const result = validateFlow(baseFlow());
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.graph?.nodes.map((n) => n.id)).toEqual(['start', 'hello', 'ask', 'bye', 'end']);
  });

  it('returns configs normalized by their kind (defaults applied) and strips unknown envelope keys', () => {
    const flow = baseFlow();
    flow.nodes[4]!.config = {};
    (flow.nodes[1] as Record<string, unknown>).selected = true; // React Flow UI state
    const result = validateFlow(flow);
    expect(result.ok).toBe(true);
    expect(result.graph?.nodes[4]?.config).toEqual({ status: 'resolved', message: '' });
    expect(result.graph?.nodes[1]).not.toHaveProperty('selected');
  });

  it('does not mutate its input', () => {
    const flow = baseFlow();
    flow.nodes[4]!.config = {};
    const before = clone(flow);
    validateFlow(flow);
    expect(flow).toEqual(before);
  });
});

describe('validateFlow: shape (schema)', () => {
  it.each([
    ['a string', 'flow', 'string'],
    ['a number', 42, 'number'],
    ['null', null, 'null'],
    ['an array', [], 'an array'],
    ['undefined', undefined, 'undefined'],
  ])('rejects %s as a flow with one schema issue at the root', (_name, input, got) => {
    const result = validateFlow(input);
    expect(result.ok).toBe(false);
    expect(result.graph).toBeUndefined();
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code: 'schema',
        message: `A flow must be an object with schemaVersion, nodes and edges; got ${got}.`,
        path: [],
      },
    ]);
  });

  it('reports nodes that are not an array, and skips node checks it cannot do', () => {
    const result = validateFlow({ schemaVersion: 1, nodes: 'start,end', edges: [] });
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ code: 'schema', path: ['nodes'] });
    expect(result.issues[0]?.message).toMatch(/^nodes: .*expected array/);
  });

  it('still checks nodes when edges are unreadable', () => {
    const flow = baseFlow() as unknown as Record<string, unknown> & FlowGraph;
    flow.nodes[1]!.config = { text: '' };
    const result = validateFlow({ ...flow, edges: null });
    expect(codes(result)).toEqual(['schema', 'config.invalid']);
    expect(result.issues[0]?.path).toEqual(['edges']);
    expect(only(result, 'config.invalid')).toMatchObject({ nodeId: 'hello', path: ['nodes', 1, 'config', 'text'], field: 'text' });
  });

  it('reports a missing edges array', () => {
    const { edges: _edges, ...flow } = baseFlow();
    const result = validateFlow(flow);
    expect(only(result, 'schema').path).toEqual(['edges']);
  });

  it('names the node and the field of node shape problems', () => {
    const flow = baseFlow() as unknown as { nodes: Record<string, unknown>[] };
    flow.nodes[2]!.label = 'Ask for name';
    flow.nodes[2]!.position = { x: '10', y: 0 };
    const issue = only(validateFlow(flow), 'schema');
    expect(issue).toMatchObject({ nodeId: 'ask', path: ['nodes', 2, 'position', 'x'] });
    expect(issue.message).toMatch(/^Ask "Ask for name" \(ask\): position\.x — .*expected number/);
  });

  it('reports an unknown node kind at its kind field', () => {
    const flow = baseFlow() as unknown as { nodes: Record<string, unknown>[] };
    flow.nodes[1]!.kind = 'teleport';
    const result = validateFlow(flow);
    expect(only(result, 'schema')).toMatchObject({ nodeId: 'hello', path: ['nodes', 1, 'kind'] });
    // The node still exists for edges: no dangling references are invented.
    expect(codes(result)).not.toContain('edge.dangling_target');
  });

  it('reports node ids that break the id rule', () => {
    const flow = baseFlow();
    flow.nodes[1]!.id = 'hello there';
    flow.edges[0]!.target = 'hello there';
    flow.edges[1]!.source = 'hello there';
    const issue = only(validateFlow(flow), 'schema');
    expect(issue).toMatchObject({ nodeId: 'hello there', path: ['nodes', 1, 'id'] });
  });

  it('reports entries of nodes and edges that are not objects, and checks the rest', () => {
    const flow = baseFlow() as unknown as { nodes: unknown[]; edges: unknown[] };
    flow.nodes.push(7);
    flow.edges.push(null);
    (flow.nodes[1] as { config: unknown }).config = { text: 5 };
    const result = validateFlow(flow);
    expect(result.issues.filter((i) => i.code === 'schema').map((i) => i.path)).toEqual([
      ['nodes', 5],
      ['edges', 4],
    ]);
    expect(only(result, 'config.invalid').path).toEqual(['nodes', 1, 'config', 'text']);
  });

  it('reports edges with missing fields', () => {
    const flow = baseFlow() as unknown as { edges: Record<string, unknown>[] };
    delete flow.edges[1]!.sourcePort;
    const result = validateFlow(flow);
    expect(only(result, 'schema')).toMatchObject({ edgeId: 'e2', path: ['edges', 1, 'sourcePort'] });
    // Without that edge the hello node's port is open.
    expect(only(result, 'port.unconnected')).toMatchObject({ nodeId: 'hello', port: 'next' });
  });

  it('limits a flow to 500 nodes and 2000 edges', () => {
    const flow = baseFlow();
    for (let i = 0; i < 496; i++) flow.nodes.push({ id: `n${i}`, kind: 'end', position: { x: 0, y: 0 }, config: {} });
    for (let i = 0; i < 1997; i++) flow.edges.push({ id: `x${i}`, source: 'hello', sourcePort: 'next', target: 'ask' });
    const result = validateFlow(flow);
    const schema = result.issues.filter((i) => i.code === 'schema');
    expect(schema.map((i) => [i.path, i.message])).toEqual([
      [['nodes'], 'nodes: A flow can have at most 500 nodes'],
      [['edges'], 'edges: A flow can have at most 2000 edges'],
    ]);
  });
});

describe('validateFlow: schema version', () => {
  it.each([2, 99])('reports a future version %s as schema.version and nothing else', (version) => {
    const result = validateFlow({ ...baseFlow(), schemaVersion: version, nodes: 'whatever' });
    expect(result.ok).toBe(false);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ severity: 'error', code: 'schema.version', path: ['schemaVersion'] });
    expect(result.issues[0]?.message).toContain(`schema version ${version}`);
    expect(result.issues[0]?.message).toContain('Upgrade Parley');
  });

  it.each(['1', 1.5, -1, null])('reports a non-integer version %j as schema.version', (version) => {
    const result = validateFlow({ ...baseFlow(), schemaVersion: version });
    // null counts as missing (version 0) and migrates fine.
    if (version === null) return expect(result.ok).toBe(true);
    expect(codes(result)).toEqual(['schema.version']);
  });

  it('migrates a version-0 graph before validating', () => {
    const { schemaVersion: _v, ...unversioned } = baseFlow();
    const result = validateFlow(unversioned);
    expect(result.ok).toBe(true);
    expect(result.graph?.schemaVersion).toBe(1);
  });
});

describe('validateFlow: node configs (config.invalid)', () => {
  const withConfig = (index: number, config: unknown) => {
    const flow = baseFlow() as unknown as { nodes: { config: unknown }[] };
    flow.nodes[index]!.config = config;
    return validateFlow(flow);
  };

  it.each([
    ['a number', 42],
    ['a string', 'text'],
    ['null', null],
    ['an array', ['Hello']],
  ])('reports a config that is %s against the config itself', (_name, config) => {
    const result = withConfig(1, config);
    expect(codes(result)).toEqual(['config.invalid']);
    const issue = only(result, 'config.invalid');
    expect(issue).toMatchObject({ nodeId: 'hello', path: ['nodes', 1, 'config'] });
    expect(issue.field).toBeUndefined();
    expect(issue.message).toMatch(/^Message "hello": config — /);
  });

  it('reports a wrong field type with the field', () => {
    const issue = only(withConfig(1, { text: ['Hi'] }), 'config.invalid');
    expect(issue).toEqual({
      severity: 'error',
      code: 'config.invalid',
      message: 'Message "hello": Text — Must be text',
      nodeId: 'hello',
      path: ['nodes', 1, 'config', 'text'],
      field: 'text',
    });
  });

  it('accepts message text of exactly 4000 characters and rejects 4001', () => {
    expect(withConfig(1, { text: 'a'.repeat(4000) }).ok).toBe(true);
    const issue = only(withConfig(1, { text: 'a'.repeat(4001) }), 'config.invalid');
    expect(issue).toMatchObject({ field: 'text', path: ['nodes', 1, 'config', 'text'] });
    expect(issue.message).toBe('Message "hello": Text — Must be at most 4000 characters');
  });

  it('rejects empty and blank message text', () => {
    expect(only(withConfig(1, { text: '' }), 'config.invalid').message).toContain('Required');
    expect(only(withConfig(1, { text: ' \n ' }), 'config.invalid').message).toContain('only whitespace');
  });

  it('rejects a missing required field', () => {
    expect(only(withConfig(1, {}), 'config.invalid')).toMatchObject({ field: 'text', path: ['nodes', 1, 'config', 'text'] });
  });

  it('rejects an oversized question and a bad variable name, both at once', () => {
    const result = withConfig(2, { question: 'q'.repeat(2001), variable: '1st name' });
    const issues = result.issues.filter((i) => i.code === 'config.invalid');
    expect(issues.map((i) => [i.field, i.path])).toEqual([
      ['question', ['nodes', 2, 'config', 'question']],
      ['variable', ['nodes', 2, 'config', 'variable']],
    ]);
    expect(issues[1]?.message).toMatch(/^Ask "ask": Save answer as — Must start with a letter or _/);
  });

  it('rejects a variable name longer than 64 characters', () => {
    expect(withConfig(2, { question: 'Q?', variable: 'v'.repeat(64) }).ok).toBe(true);
    expect(only(withConfig(2, { question: 'Q?', variable: 'v'.repeat(65) }), 'config.invalid').field).toBe('variable');
  });

  it('rejects an unknown end status', () => {
    const issue = only(withConfig(4, { status: 'pending' }), 'config.invalid');
    expect(issue).toMatchObject({ nodeId: 'end', field: 'status', path: ['nodes', 4, 'config', 'status'] });
    expect(issue.message).toBe('End "end": Status — Must be "resolved" or "closed"');
  });

  it('names each unknown setting (configs are strict), including on start', () => {
    const result = withConfig(0, { foo: 1, bar: 2 });
    expect(result.issues.map((i) => [i.code, i.field, i.path])).toEqual([
      ['config.invalid', 'foo', ['nodes', 0, 'config', 'foo']],
      ['config.invalid', 'bar', ['nodes', 0, 'config', 'bar']],
    ]);
    expect(result.issues[0]?.message).toBe('Start "start" has an unknown setting "foo".');
  });
});

describe('validateFlow: nodes', () => {
  it('reports a duplicate node id at the later node', () => {
    const flow = baseFlow();
    flow.nodes.push({ id: 'hello', kind: 'message', position: { x: 0, y: 0 }, config: { text: 'Again' } });
    const result = validateFlow(flow);
    expect(codes(result)).toEqual(['node.duplicate_id']);
    expect(only(result, 'node.duplicate_id')).toMatchObject({ nodeId: 'hello', path: ['nodes', 5, 'id'] });
  });

  it('reports a missing start node, without flooding unreachable warnings', () => {
    const flow = baseFlow();
    flow.nodes.shift();
    flow.edges.shift();
    const result = validateFlow(flow);
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code: 'start.missing',
        message: 'The flow has no Start node; add one so conversations know where to begin.',
        path: ['nodes'],
      },
    ]);
  });

  it('reports every start node after the first', () => {
    const flow = baseFlow();
    flow.nodes.push({ id: 'start2', kind: 'start', label: 'Other entry', position: { x: 0, y: 0 }, config: {} });
    flow.edges.push({ id: 'e5', source: 'start2', sourcePort: 'next', target: 'ask' });
    const result = validateFlow(flow);
    expect(codes(result)).toEqual(['start.multiple']);
    const issue = only(result, 'start.multiple');
    expect(issue).toMatchObject({ nodeId: 'start2', path: ['nodes', 5] });
    expect(issue.message).toContain('Start "Other entry" (start2)');
  });

  it('warns about unreachable nodes but stays ok', () => {
    const flow = baseFlow();
    flow.nodes.push({ id: 'orphan', kind: 'message', label: 'Old reply', position: { x: 300, y: 0 }, config: { text: 'Hi' } });
    const result = validateFlow(flow);
    expect(result.ok).toBe(true);
    expect(result.graph).toBeDefined();
    // Its open output is not an error: no conversation can get there.
    expect(result.issues).toEqual([
      {
        severity: 'warning',
        code: 'node.unreachable',
        message: 'Message "Old reply" (orphan) cannot be reached from Start; conversations will never get there.',
        nodeId: 'orphan',
        path: ['nodes', 5],
      },
    ]);
  });
});

describe('validateFlow: edges', () => {
  it('reports an edge from a node that does not exist', () => {
    const flow = baseFlow();
    flow.edges.push({ id: 'ghost', source: 'nobody', sourcePort: 'next', target: 'hello' });
    const result = validateFlow(flow);
    expect(codes(result)).toEqual(['edge.dangling_source']);
    expect(only(result, 'edge.dangling_source')).toMatchObject({ edgeId: 'ghost', path: ['edges', 4, 'source'] });
  });

  it('reports an edge to a node that does not exist', () => {
    const flow = baseFlow();
    flow.edges[3]!.target = 'nowhere';
    const result = validateFlow(flow);
    expect(only(result, 'edge.dangling_target')).toMatchObject({ edgeId: 'e4', path: ['edges', 3, 'target'] });
    expect(only(result, 'edge.dangling_target').message).toBe(
      'Edge "e4" (bye.next → nowhere) leads to node "nowhere", which does not exist.',
    );
    // The port has an edge (a broken one): not also "unconnected". The end node is now orphaned.
    expect(codes(result)).toEqual(['edge.dangling_target', 'node.unreachable']);
  });

  it('reports a port the source kind does not have', () => {
    const flow = baseFlow();
    flow.edges[2]!.sourcePort = 'next';
    const result = validateFlow(flow);
    expect(only(result, 'edge.unknown_port')).toMatchObject({ edgeId: 'e3', nodeId: 'ask', port: 'next', path: ['edges', 2, 'sourcePort'] });
    expect(only(result, 'edge.unknown_port').message).toContain('its outputs are "answered"');
    expect(only(result, 'port.unconnected')).toMatchObject({ nodeId: 'ask', port: 'answered' });
  });

  it('reports any edge out of an end node as an unknown port', () => {
    const flow = baseFlow();
    flow.edges.push({ id: 'after-end', source: 'end', sourcePort: 'next', target: 'hello' });
    const issue = only(validateFlow(flow), 'edge.unknown_port');
    expect(issue).toMatchObject({ edgeId: 'after-end', nodeId: 'end', path: ['edges', 4, 'sourcePort'] });
    expect(issue.message).toContain('it has no outputs');
  });

  it('reports an edge into a node without input', () => {
    const flow = baseFlow();
    flow.edges[3]!.target = 'start';
    const result = validateFlow(flow);
    expect(only(result, 'edge.into_start')).toMatchObject({ edgeId: 'e4', nodeId: 'start', path: ['edges', 3, 'target'] });
    expect(codes(result)).toEqual(['edge.into_start', 'node.unreachable']);
  });

  it('reports an exact duplicate edge once, not as an ambiguous port', () => {
    const flow = baseFlow();
    flow.edges.push({ ...flow.edges[1]!, id: 'e2-copy' });
    const result = validateFlow(flow);
    expect(codes(result)).toEqual(['edge.duplicate']);
    expect(only(result, 'edge.duplicate')).toMatchObject({ edgeId: 'e2-copy', nodeId: 'hello', port: 'next', path: ['edges', 4] });
  });

  it('reports a reused edge id', () => {
    const flow = baseFlow();
    flow.nodes.push({ id: 'orphan', kind: 'message', position: { x: 0, y: 0 }, config: { text: 'x' } });
    flow.edges.push({ id: 'e1', source: 'orphan', sourcePort: 'next', target: 'end' });
    const result = validateFlow(flow);
    expect(codes(result)).toEqual(['edge.duplicate_id', 'node.unreachable']);
    expect(only(result, 'edge.duplicate_id')).toMatchObject({ edgeId: 'e1', path: ['edges', 4, 'id'] });
  });

  it('reports an output port that leads to two nodes', () => {
    const flow = baseFlow();
    flow.edges.push({ id: 'e5', source: 'hello', sourcePort: 'next', target: 'end' });
    const result = validateFlow(flow);
    expect(codes(result)).toEqual(['port.multiple']);
    const issue = only(result, 'port.multiple');
    expect(issue).toMatchObject({ edgeId: 'e5', nodeId: 'hello', port: 'next', path: ['edges', 4] });
    expect(issue.message).toBe(
      'Output "Next" of Message "hello" leads to 2 nodes ("ask", "end"); an output must lead to exactly one node.',
    );
  });

  it('reports an unconnected output of a reachable node', () => {
    const flow = baseFlow();
    flow.nodes[3]!.label = 'Goodbye';
    flow.edges.pop();
    const result = validateFlow(flow);
    expect(result.ok).toBe(false);
    expect(codes(result)).toEqual(['port.unconnected', 'node.unreachable']);
    expect(only(result, 'port.unconnected')).toEqual({
      severity: 'error',
      code: 'port.unconnected',
      message:
        'Output "Next" of Message "Goodbye" (bye) is not connected; a conversation reaching it would have nowhere to go.',
      nodeId: 'bye',
      path: ['nodes', 3],
      port: 'next',
    });
  });

  it('allows loops (e.g. asking again)', () => {
    const flow = baseFlow();
    flow.edges[3]!.target = 'ask';
    const result = validateFlow(flow);
    expect(codes(result)).toEqual(['node.unreachable']);
    expect(result.issues[0]?.nodeId).toBe('end');
  });
});

describe('validateFlow: templates', () => {
  it('warns about a variable that no ask node stores', () => {
    const flow = baseFlow();
    flow.nodes[3]!.config = { text: 'Bye {{nmae}}, about {{ topic }}. {{name}}' };
    const result = validateFlow(flow);
    expect(result.ok).toBe(true);
    expect(result.issues.map((i) => [i.severity, i.code, i.nodeId, i.field, i.path])).toEqual([
      ['warning', 'template.unknown_variable', 'bye', 'text', ['nodes', 3, 'config', 'text']],
      ['warning', 'template.unknown_variable', 'bye', 'text', ['nodes', 3, 'config', 'text']],
    ]);
    expect(result.issues[0]?.message).toBe(
      'Message "bye" uses {{nmae}}, but no node in the flow stores a variable named "nmae"; it would render empty.',
    );
    expect(result.issues[1]?.message).toContain('{{topic}}');
  });

  it('checks ask questions too', () => {
    const flow = baseFlow();
    flow.nodes[2]!.config = { question: 'And your {{thing}}?', variable: 'name' };
    expect(only(validateFlow(flow), 'template.unknown_variable')).toMatchObject({
      nodeId: 'ask',
      field: 'question',
      path: ['nodes', 2, 'config', 'question'],
    });
  });

  it('accepts a variable stored by an ask anywhere in the flow', () => {
    const flow = baseFlow();
    flow.nodes[1]!.config = { text: 'Hello {{name}}' }; // used before the ask that stores it
    expect(validateFlow(flow).issues).toEqual([]);
  });
});

describe('validateFlow: many problems at once', () => {
  it('reports all of them, errors first', () => {
    const flow = baseFlow() as unknown as { nodes: Record<string, unknown>[]; edges: Record<string, unknown>[] };
    flow.nodes.shift(); // no start
    flow.nodes.push({ id: 'hello', kind: 'message', position: { x: 0, y: 0 }, config: { text: 'dup' } });
    flow.nodes[0]!.config = { text: 'x'.repeat(5000) };
    flow.nodes[1]!.position = null;
    flow.nodes[2]!.config = { text: 'Hi {{who}}' };
    flow.edges[3]!.target = 'nowhere';
    flow.edges.push({ id: 'e2', source: 'ghost', sourcePort: 'next', target: 'ask' });

    const result = validateFlow(flow);
    expect(result.ok).toBe(false);
    expect(result.graph).toBeUndefined();
    expect(result.issues.map((i) => [i.code, i.nodeId ?? i.edgeId, i.path])).toEqual([
      ['schema', 'ask', ['nodes', 1, 'position']],
      ['node.duplicate_id', 'hello', ['nodes', 4, 'id']],
      ['config.invalid', 'hello', ['nodes', 0, 'config', 'text']],
      ['start.missing', undefined, ['nodes']],
      ['edge.dangling_source', 'e1', ['edges', 0, 'source']],
      ['edge.dangling_target', 'e4', ['edges', 3, 'target']],
      ['edge.duplicate_id', 'e2', ['edges', 4, 'id']],
      ['edge.dangling_source', 'e2', ['edges', 4, 'source']],
      ['template.unknown_variable', 'bye', ['nodes', 2, 'config', 'text']],
    ]);
    expect(result.issues.at(-1)?.severity).toBe('warning');
  });
});

describe('drafts with semantic errors', () => {
  it('hands back the parsed graph so a work-in-progress draft can be saved', () => {
    const flow = structuredClone(demoFlow);
    flow.edges.push({ id: 'dangling', source: 'greet', sourcePort: 'next', target: 'ghost' });
    const result = validateFlow(flow);
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'edge.dangling_target', edgeId: 'dangling' }));
    expect(result.graph?.edges.map((edge) => edge.id)).toContain('dangling');
  });
});
