// validateFlow as a whole: a valid flow, many problems at once, drafts. The checks by area: validate-shape, validate-configs (and templates), validate-graph (nodes and edges).
import { describe, expect, it } from 'vitest';
import { baseFlow, clone } from '../test/fixtures';
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
