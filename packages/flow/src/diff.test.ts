import { describe, expect, it } from 'vitest';
import { demoAssistantFlow, demoFlow, demoSupportFlow } from './demo';
import { diffFlows, jsonEqual } from './diff';
import type { FlowGraph } from './graph';
import { validateFlow } from './validate';

const copy = (graph: FlowGraph): FlowGraph => structuredClone(graph);

describe('diffFlows', () => {
  it('finds nothing between a demo flow and itself', () => {
    for (const graph of [demoFlow, demoSupportFlow, demoAssistantFlow]) {
      const diff = diffFlows(graph, copy(graph));
      expect(diff.same).toBe(true);
      expect(diff.layoutOnly).toBe(false);
    }
  });

  it('reports a reworded message as one field change with the field title', () => {
    const after = copy(demoFlow);
    after.nodes.find((node) => node.id === 'greet')!.config.text = 'Hello there!';
    const diff = diffFlows(demoFlow, after);
    expect(diff.same).toBe(false);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      {
        id: 'greet',
        kind: 'message',
        label: 'Greeting',
        fields: [{ path: 'config.text', title: 'Text', before: "Hi! I'm Parley, the support assistant.", after: 'Hello there!' }],
        moved: false,
      },
    ]);
  });

  it('treats defaults the server fills in on publish as no change (an end step without a message)', () => {
    const published = validateFlow(demoFlow).graph!;
    expect(published.nodes.find((node) => node.id === 'end')!.config).toHaveProperty('message', '');
    expect(diffFlows(published, demoFlow).same).toBe(true);
  });

  it('reports a step added between two others with its edges, and the edge it replaced', () => {
    const after = copy(demoFlow);
    after.nodes.push({ id: 'thanks', kind: 'message', position: { x: 300, y: 600 }, config: { text: 'Thanks!' } });
    after.edges = after.edges.filter((edge) => !(edge.source === 'confirm'));
    after.edges.push(
      { id: 'confirm-next-thanks', source: 'confirm', sourcePort: 'next', target: 'thanks' },
      { id: 'thanks-next-end', source: 'thanks', sourcePort: 'next', target: 'end' },
    );
    const diff = diffFlows(demoFlow, after);
    expect(diff.added.map((node) => node.id)).toEqual(['thanks']);
    expect(diff.changed).toEqual([]);
    expect(diff.edgesAdded.map((edge) => `${edge.source}->${edge.target}`)).toEqual(['confirm->thanks', 'thanks->end']);
    expect(diff.edgesRemoved.map((edge) => `${edge.source}->${edge.target}`)).toEqual(['confirm->end']);
  });

  it('reports a removed step and its edges (support flow without the SLA)', () => {
    const after = copy(demoSupportFlow);
    const slaIn = after.edges.find((edge) => edge.target === 'sla')!;
    const slaOut = after.edges.find((edge) => edge.source === 'sla')!;
    after.nodes = after.nodes.filter((node) => node.id !== 'sla');
    after.edges = [
      ...after.edges.filter((edge) => edge !== slaIn && edge !== slaOut),
      { id: 'bypass', source: slaIn.source, sourcePort: slaIn.sourcePort, target: slaOut.target },
    ];
    const diff = diffFlows(demoSupportFlow, after);
    expect(diff.removed.map((node) => node.id)).toEqual(['sla']);
    expect(diff.edgesRemoved).toHaveLength(2);
    expect(diff.edgesAdded.map((edge) => edge.target)).toEqual([slaOut.target]);
  });

  it('reports steps that only moved as moved, and the whole diff as layout only', () => {
    const after = copy(demoSupportFlow);
    after.nodes[1]!.position = { x: 120, y: 40 };
    const diff = diffFlows(demoSupportFlow, after);
    expect(diff.changed).toEqual([]);
    expect(diff.moved).toEqual([{ id: 'greet', kind: 'message', label: 'Greeting', from: demoSupportFlow.nodes[1]!.position, to: { x: 120, y: 40 } }]);
    expect(diff.same).toBe(false);
    expect(diff.layoutOnly).toBe(true);
  });

  it('keeps a step that moved and changed in `changed`, marked as moved', () => {
    const after = copy(demoSupportFlow);
    const handoff = after.nodes.find((node) => node.id === 'handoff')!;
    handoff.position = { x: 50, y: 50 };
    handoff.label = 'To billing';
    handoff.config.team = 'Billing';
    const diff = diffFlows(demoSupportFlow, after);
    expect(diff.moved).toEqual([]);
    expect(diff.layoutOnly).toBe(false);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]!.moved).toBe(true);
    expect(diff.changed[0]!.fields.map((field) => [field.path, field.before, field.after])).toEqual([
      ['label', 'To a teammate', 'To billing'],
      ['config.team', 'Support', 'Billing'],
    ]);
  });

  it('walks into nested config (the assistant demo) and names the changed leaf', () => {
    const after = copy(demoAssistantFlow);
    const target = after.nodes.find((node) => Object.values(node.config).some((value) => Array.isArray(value) && value.length > 0 && typeof value[0] === 'object'));
    expect(target, 'the assistant demo has a step with a list of objects').toBeDefined();
    const [field, list] = Object.entries(target!.config).find(([, value]) => Array.isArray(value) && typeof value[0] === 'object') as [string, Record<string, unknown>[]];
    const key = Object.keys(list[0]!)[0]!;
    list[0]![key] = 'changed-value';
    const diff = diffFlows(demoAssistantFlow, after);
    expect(diff.changed.map((step) => step.id)).toEqual([target!.id]);
    expect(diff.changed[0]!.fields.map((change) => change.path)).toEqual([`config.${field}.0.${key}`]);
  });

  it('matches edges by what they connect, not by id', () => {
    const after = copy(demoFlow);
    after.edges = after.edges.map((edge) => ({ ...edge, id: `renamed-${edge.id}` }));
    expect(diffFlows(demoFlow, after).same).toBe(true);
  });
});

describe('jsonEqual', () => {
  it('ignores key order and undefined members', () => {
    expect(jsonEqual({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1, d: undefined })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 2 })).toBe(false);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
  });
});
