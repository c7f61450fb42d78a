import { describe, expect, it } from 'vitest';
import { compileFlow } from './compile';
import { FLOW_SCHEMA_VERSION, type FlowGraph } from './graph';
import { intentPort, intentRouterPorts } from './kinds/intent-router';
import { outputPortLabel, outputPortsOf } from './ports';
import { NODE_KINDS, nodeKinds } from './registry';
import { validateFlow } from './validate';

const at = (x: number, y: number) => ({ x, y });

const intents = [
  { name: 'billing', label: 'Billing', examples: ['I was charged twice', 'refund please'] },
  { name: 'shipping', label: '', examples: ['where is my order'] },
];

/** start → router; billing → sentiment gate (negative → handoff msg, ok → end); shipping, fallback → end. */
function routerFlow(routerConfig: Record<string, unknown> = { intents }): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: 'start', kind: 'start', position: at(0, 0), config: {} },
      { id: 'ask', kind: 'ask', position: at(0, 100), config: { question: 'How can I help?', variable: 'topic' } },
      { id: 'router', kind: 'intent_router', position: at(0, 200), config: routerConfig },
      { id: 'mood', kind: 'sentiment_gate', position: at(0, 300), config: {} },
      { id: 'sorry', kind: 'message', position: at(0, 400), config: { text: 'Sorry about "{{last_message}}" ({{sentiment}})' } },
      { id: 'end', kind: 'end', position: at(0, 500), config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'ask' },
      { id: 'e2', source: 'ask', sourcePort: 'answered', target: 'router' },
      { id: 'e3', source: 'router', sourcePort: 'intent:billing', target: 'mood' },
      { id: 'e4', source: 'router', sourcePort: 'intent:shipping', target: 'end' },
      { id: 'e5', source: 'router', sourcePort: 'fallback', target: 'end' },
      { id: 'e6', source: 'mood', sourcePort: 'negative', target: 'sorry' },
      { id: 'e7', source: 'mood', sourcePort: 'ok', target: 'end' },
      { id: 'e8', source: 'sorry', sourcePort: 'next', target: 'end' },
    ],
  };
}

describe('outputPortsOf', () => {
  it('returns the static ports of every kind without outputsFor, whatever the config', () => {
    for (const kind of NODE_KINDS) {
      const definition = nodeKinds[kind];
      if ('outputsFor' in definition) continue;
      expect(outputPortsOf(kind, definition.defaults), kind).toBe(definition.ports.outputs);
      expect(outputPortsOf(kind, { nonsense: true }), kind).toBe(definition.ports.outputs);
    }
  });

  it("gives an intent router one port per intent, labelled, then the fallback", () => {
    expect(outputPortsOf('intent_router', { intents })).toEqual([
      { id: 'intent:billing', label: 'Billing' },
      { id: 'intent:shipping', label: 'shipping' }, // no label: the name
      { id: 'fallback', label: 'Fallback' },
    ]);
    expect(outputPortLabel('intent_router', { intents }, 'intent:billing')).toBe('Billing');
    expect(outputPortLabel('intent_router', { intents }, 'intent:nope')).toBeUndefined();
  });

  it("keeps a draft's ports when other fields are invalid, and falls back to defaults for a broken list", () => {
    expect(outputPortsOf('intent_router', { intents, threshold: 7 }).map((p) => p.id)).toEqual([
      'intent:billing',
      'intent:shipping',
      'fallback',
    ]);
    const defaults = nodeKinds.intent_router.defaults.intents.map((i) => intentPort(i.name));
    expect(outputPortsOf('intent_router', { intents: 'not a list' }).map((p) => p.id)).toEqual([...defaults, 'fallback']);
    expect(outputPortsOf('intent_router', null).map((p) => p.id)).toEqual([...defaults, 'fallback']);
  });

  it('skips intents that have no valid or unique name yet (no port until named)', () => {
    expect(
      intentRouterPorts([
        { name: '', label: 'Typing…' },
        { name: 'a', label: 'A' },
        { name: 'a', label: 'Again' },
        { name: 'Bad Name', label: '' },
        { name: 'fallback', label: '' },
      ]).map((p) => p.id),
    ).toEqual(['intent:a', 'fallback']);
  });
});

describe('intent router and sentiment gate in flows', () => {
  it('validate and compile with one exit per intent; {{last_message}} is a built-in variable', () => {
    const result = validateFlow(routerFlow());
    expect(result.issues).toEqual([]);
    const compiled = compileFlow(routerFlow());
    expect(compiled.next.router).toEqual({ 'intent:billing': 'mood', 'intent:shipping': 'end', fallback: 'end' });
    expect(compiled.next.mood).toEqual({ negative: 'sorry', ok: 'end' });
    expect(compiled.nodes.router?.config).toMatchObject({
      text: '{{last_message}}',
      threshold: 0.3,
      intentVariable: 'intent',
      confidenceVariable: 'intent_confidence',
    });
    expect(compiled.nodes.mood?.config).toEqual({ text: '{{last_message}}', threshold: -0.3, variable: 'sentiment' });
  });

  it('reports an unconnected intent exit by its label, and an edge from an intent that does not exist', () => {
    const flow = routerFlow();
    flow.edges = flow.edges.filter((e) => e.id !== 'e3');
    flow.edges.push({ id: 'e9', source: 'router', sourcePort: 'intent:returns', target: 'end' });
    const issues = validateFlow(flow).issues.map((i) => [i.code, i.port, i.message]);
    expect(issues).toContainEqual([
      'edge.unknown_port',
      'intent:returns',
      expect.stringContaining('its outputs are "intent:billing", "intent:shipping", "fallback"'),
    ]);
    expect(issues).toContainEqual(['port.unconnected', 'intent:billing', expect.stringContaining('Output "Billing" of Intent router')]);
  });

  it.each([
    [{ intents: [] }, ['intents'], 'Add at least one intent'],
    [{ intents: [{ name: 'a', examples: ['x'] }, { name: 'a', examples: ['y'] }] }, ['intents', 1, 'name'], 'Another intent is already named "a"'],
    [{ intents: [{ name: 'billing', examples: [' ', ''] }] }, ['intents', 0, 'examples'], 'Give "billing" at least one example phrase'],
    [{ intents: [{ name: 'billing' }] }, ['intents', 0, 'examples'], 'Give "billing" at least one example phrase'],
    [{ intents: [{ name: 'Billing Team', examples: ['x'] }] }, ['intents', 0, 'name'], 'not a valid name'],
    [{ intents: [{ name: '', examples: ['x'] }] }, ['intents', 0, 'name'], 'Name is required'],
    [{ intents: [{ name: 'fallback', examples: ['x'] }] }, ['intents', 0, 'name'], '"fallback" is the exit'],
    [{ intents, threshold: 1.5 }, ['threshold'], 'Must be at most 1'],
    [{ intents, intentVariable: '1x' }, ['intentVariable'], 'Must start with a letter'],
    [{ intents, saveEntities: 'order = invoice' }, ['saveEntities'], 'Line 1: "invoice" is not an entity; use one of email, order_id'],
    [{ intents, saveEntities: 'order = order_id\norder = email' }, ['saveEntities'], 'Line 2: "order" is already set above'],
  ])('rejects router config %j at %j', (config, path, message) => {
    const flow = routerFlow(config);
    const issue = validateFlow(flow).issues.find((i) => i.code === 'config.invalid');
    expect(issue).toMatchObject({ nodeId: 'router', field: path[0], path: ['nodes', 2, 'config', ...path] });
    expect(issue?.message).toContain(message);
  });

  it('rejects a sentiment threshold outside -1..1', () => {
    const flow = routerFlow();
    flow.nodes[3]!.config = { threshold: -2 };
    expect(validateFlow(flow).issues).toContainEqual(
      expect.objectContaining({ code: 'config.invalid', nodeId: 'mood', field: 'threshold', message: expect.stringContaining('at least -1') }),
    );
  });

  it('counts the stored intent, confidence and score as known variables, typed', () => {
    const flow = routerFlow();
    flow.nodes[4]!.config = { text: '{{intent}} {{intent_confidence}} {{sentiment}} {{unknown_thing}}' };
    flow.nodes.push({ id: 'check', kind: 'condition', position: at(0, 600), config: { if: 'intent_confidence > 0.5 && sentiment < 0 && last_message != ""' } });
    const warnings = validateFlow(flow).issues.filter((i) => i.severity === 'warning' && i.code !== 'node.unreachable');
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('{{unknown_thing}}')]);
  });

  it('counts the variables the router saves entities into as known', () => {
    const flow = routerFlow({ intents, saveEntities: 'order = order_id\n# a comment\ncustomer_email = email' });
    flow.nodes[4]!.config = { text: 'Order {{order}} for {{customer_email}}, {{shipment}}' };
    const warnings = validateFlow(flow).issues.filter((i) => i.severity === 'warning' && i.code !== 'node.unreachable');
    expect(warnings.map((w) => w.message)).toEqual([expect.stringContaining('{{shipment}}')]);
  });
});
