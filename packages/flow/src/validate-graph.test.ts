// validateFlow: the graph, its nodes and its edges.
import { describe, expect, it } from 'vitest';
import { baseFlow, codes, only } from '../test/fixtures';
import { validateFlow } from './validate';

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
