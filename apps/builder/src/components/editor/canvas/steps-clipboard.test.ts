import { createNode, FLOW_SCHEMA_VERSION, type FlowGraph } from '@parley/flow';
import { describe, expect, it } from 'vitest';
import { copySteps, parseSteps, remapSteps, serializeSteps } from './steps-clipboard';

const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    createNode('start', 'start', { x: 0, y: 0 }),
    { ...createNode('message', 'hello', { x: 0, y: 150 }), label: 'Hello' },
    createNode('end', 'bye', { x: 0, y: 300 }),
    createNode('end', 'other', { x: 300, y: 300 }),
  ],
  edges: [
    { id: 'e1', source: 'start', sourcePort: 'next', target: 'hello' },
    { id: 'e2', source: 'hello', sourcePort: 'next', target: 'bye' },
    { id: 'e3', source: 'hello', sourcePort: 'next', target: 'other' },
  ],
};

describe('copying steps', () => {
  it('takes the selected steps and only the connections among them, never the start', () => {
    const copied = copySteps(graph, new Set(['start', 'hello', 'bye']));
    expect(copied?.nodes.map((node) => node.id)).toEqual(['hello', 'bye']);
    expect(copied?.edges.map((edge) => edge.id)).toEqual(['e2']);
  });

  it('copies nothing when only the start is selected', () => {
    expect(copySteps(graph, new Set(['start']))).toBeNull();
    expect(copySteps(graph, new Set())).toBeNull();
  });

  it('copies, not shares, the configs', () => {
    const copied = copySteps(graph, new Set(['hello']));
    expect(copied?.nodes[0]?.config).not.toBe(graph.nodes[1]?.config);
  });
});

describe('pasting steps', () => {
  it('reads back what was serialized', () => {
    const copied = copySteps(graph, new Set(['hello', 'bye']));
    if (!copied) throw new Error('nothing copied');
    const parsed = parseSteps(serializeSteps(copied));
    expect(parsed).toEqual({ ok: true, steps: copied });
  });

  it.each([
    ['plain text', 'hello there'],
    ['other JSON', '{"nodes":[]}'],
    ['a payload without steps', JSON.stringify({ type: 'parley/flow-steps', version: 1, nodes: [], edges: [] })],
    ['an unknown node kind', JSON.stringify({ type: 'parley/flow-steps', version: 1, nodes: [{ id: 'a', kind: 'teleport', position: { x: 0, y: 0 }, config: {} }], edges: [] })],
    ['a bad node id', JSON.stringify({ type: 'parley/flow-steps', version: 1, nodes: [{ id: 'a b', kind: 'end', position: { x: 0, y: 0 }, config: {} }], edges: [] })],
    ['only a start', JSON.stringify({ type: 'parley/flow-steps', version: 1, nodes: [{ id: 's', kind: 'start', position: { x: 0, y: 0 }, config: {} }], edges: [] })],
  ])('refuses %s with a reason', (_name, text) => {
    const parsed = parseSteps(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(/\w/);
  });

  it('drops a start node and connections to steps the payload lacks', () => {
    const text = JSON.stringify({
      type: 'parley/flow-steps',
      version: 1,
      nodes: [graph.nodes[0], graph.nodes[1]],
      edges: graph.edges,
    });
    const parsed = parseSteps(text);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.steps.nodes.map((node) => node.id)).toEqual(['hello']);
    expect(parsed.steps.edges).toEqual([]);
  });

  it('gives every node a new id, moves it by the offset and reconnects the copies', () => {
    const copied = copySteps(graph, new Set(['hello', 'bye']));
    if (!copied) throw new Error('nothing copied');
    const existing = new Set(graph.nodes.map((node) => node.id));
    const pasted = remapSteps(copied, existing, { x: 40, y: 40 });
    const [hello, bye] = pasted.nodes;
    expect(hello?.id).toMatch(/^message_/);
    expect(bye?.id).toMatch(/^end_/);
    for (const node of pasted.nodes) expect(existing.has(node.id)).toBe(false);
    expect(hello?.position).toEqual({ x: 40, y: 190 });
    expect(hello?.label).toBe('Hello');
    expect(pasted.edges).toHaveLength(1);
    expect(pasted.edges[0]).toMatchObject({ source: hello?.id, sourcePort: 'next', target: bye?.id });
    expect(pasted.edges[0]?.id).not.toBe('e2');
    // Pasting twice gives two distinct copies.
    const again = remapSteps(copied, new Set([...existing, ...pasted.nodes.map((node) => node.id)]), { x: 80, y: 80 });
    expect(again.nodes.map((node) => node.id)).not.toEqual(pasted.nodes.map((node) => node.id));
  });

  it('carries selected notes along, with new ids, moved by the offset', () => {
    const note = { id: 'note_x', text: 'Check with legal', color: 'pink' as const, position: { x: 500, y: 0 }, size: { width: 200, height: 120 } };
    const withNote: FlowGraph = { ...graph, notes: [note] };
    expect(copySteps(withNote, new Set(['hello']))).not.toHaveProperty('notes');
    const copied = copySteps(withNote, new Set(['note_x']));
    if (!copied) throw new Error('nothing copied');
    expect(copied.nodes).toEqual([]);
    const parsed = parseSteps(serializeSteps(copied));
    if (!parsed.ok) throw new Error(parsed.reason);
    const pasted = remapSteps(parsed.steps, new Set(['note_x']), { x: 40, y: 40 });
    expect(pasted.notes).toEqual([{ ...note, id: expect.stringMatching(/^note_/) as string, position: { x: 540, y: 40 } }]);
    expect(pasted.notes?.[0]?.id).not.toBe('note_x');
  });
});
