// validateFlow: the shape of a flow (its schema) and its schema version.
import { describe, expect, it } from 'vitest';
import { baseFlow, codes, only } from '../test/fixtures';
import type { FlowGraph } from './graph';
import { validateFlow } from './validate';

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
