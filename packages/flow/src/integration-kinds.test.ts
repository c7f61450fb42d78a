import { describe, expect, it } from 'vitest';
import { FLOW_SCHEMA_VERSION, type FlowGraph } from './graph';
import { buildHttpRequest, parseHeaderLines, parseResponsePath, readResponsePath, type HttpResponseView } from './integrations/http';
import { parseResponseMapping } from './kinds/http-request';
import { parseInputMapping, parseOutputMapping } from './kinds/custom-activity';
import { parseSubflowOutputs } from './kinds/subflow';
import { nodeKinds } from './registry';
import { validateFlow } from './validate';
import type { CustomActivityDescriptor } from './validation/context';
import { flowVariables } from './validation/stored-variables';

const at = (y: number) => ({ x: 0, y });

/** start → node → (both ports) → message using `{{uses}}` → end. */
function flowWith(kind: 'http_request' | 'custom_activity' | 'subflow', config: Record<string, unknown>, uses = 'last_message'): FlowGraph {
  const ports = kind === 'subflow' ? ['done', 'failed'] : ['success', 'error'];
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: 'start', kind: 'start', position: at(0), config: {} },
      { id: 'call', kind, position: at(100), config },
      { id: 'say', kind: 'message', position: at(200), config: { text: `Got {{${uses}}}` } },
      { id: 'end', kind: 'end', position: at(300), config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'call' },
      { id: 'e2', source: 'call', sourcePort: ports[0]!, target: 'say' },
      { id: 'e3', source: 'call', sourcePort: ports[1]!, target: 'end' },
      { id: 'e4', source: 'say', sourcePort: 'next', target: 'end' },
    ],
  };
}

const codes = (graph: FlowGraph, context = {}) =>
  validateFlow(graph, context).issues.map((issue) => [issue.code, issue.field, issue.severity]);

describe('HTTP response paths', () => {
  it('parses status, headers and body paths with keys and indexes', () => {
    expect(parseResponsePath('status')).toEqual({ ok: true, path: { from: 'status' } });
    expect(parseResponsePath('headers.X-Id')).toEqual({ ok: true, path: { from: 'headers', name: 'x-id' } });
    expect(parseResponsePath('body')).toEqual({ ok: true, path: { from: 'body', steps: [] } });
    expect(parseResponsePath('body.order.status')).toEqual({ ok: true, path: { from: 'body', steps: ['order', 'status'] } });
    expect(parseResponsePath('body.items[0].id')).toEqual({ ok: true, path: { from: 'body', steps: ['items', 0, 'id'] } });
    expect(parseResponsePath('body[2]')).toEqual({ ok: true, path: { from: 'body', steps: [2] } });
  });

  it('refuses paths it cannot read, saying why', () => {
    expect(parseResponsePath('order.status')).toMatchObject({ ok: false, error: expect.stringContaining('must start with status') });
    expect(parseResponsePath('body.items[x]')).toMatchObject({ ok: false, error: expect.stringContaining('[x]') });
    expect(parseResponsePath('body..a')).toMatchObject({ ok: false });
    expect(parseResponsePath('headers.a b')).toMatchObject({ ok: false });
    expect(parseResponsePath('statuses')).toMatchObject({ ok: false });
  });

  it('reads values: scalars as they are, lists and objects as JSON text, missing as null', () => {
    const response: HttpResponseView = {
      status: 200,
      headers: { 'x-id': 'abc' },
      body: { order: { status: 'shipped', total: 12.5, paid: true, note: null }, items: [{ id: 7 }, { id: 8 }] },
    };
    const read = (source: string) => {
      const parsed = parseResponsePath(source);
      if (!parsed.ok) throw new Error(parsed.error);
      return readResponsePath(response, parsed.path);
    };
    expect(read('status')).toBe(200);
    expect(read('headers.x-id')).toBe('abc');
    expect(read('headers.missing')).toBeNull();
    expect(read('body.order.status')).toBe('shipped');
    expect(read('body.order.total')).toBe(12.5);
    expect(read('body.order.paid')).toBe(true);
    expect(read('body.order.note')).toBeNull();
    expect(read('body.items[1].id')).toBe(8);
    expect(read('body.items[5].id')).toBeNull();
    expect(read('body.items')).toBe('[{"id":7},{"id":8}]');
    expect(read('body.order.constructor')).toBeNull();
    expect(read('body.items.length')).toBeNull();
    expect(readResponsePath({ ...response, body: 'plain text' }, { from: 'body', steps: [] })).toBe('plain text');
  });

  it('parses mapping and header lines, skipping blanks and comments', () => {
    expect(parseResponseMapping('status_code = status\n\n# note\nfirst = body.items[0].id')).toEqual({
      ok: true,
      mappings: [
        { target: 'status_code', source: 'status', line: 1 },
        { target: 'first', source: 'body.items[0].id', line: 4 },
      ],
    });
    expect(parseResponseMapping('x = body.a\nx = body.b')).toMatchObject({ ok: false, error: expect.stringContaining('Line 2') });
    expect(parseResponseMapping('1x = status')).toMatchObject({ ok: false });
    expect(parseResponseMapping('x = order')).toMatchObject({ ok: false, error: expect.stringContaining('Line 1') });
    expect(parseHeaderLines('Authorization: Bearer {{token}}\nX-Trace:  1 ')).toEqual({
      ok: true,
      headers: [
        { name: 'Authorization', value: 'Bearer {{token}}', line: 1 },
        { name: 'X-Trace', value: '1', line: 2 },
      ],
    });
    expect(parseHeaderLines('no colon here')).toMatchObject({ ok: false });
    expect(parseHeaderLines('Bad Name: x')).toMatchObject({ ok: false });
  });
});

describe('buildHttpRequest', () => {
  const base = { method: 'POST' as const, url: 'https://api.example.com/orders/{{id}}', headers: '', body: '', timeoutSeconds: 5 };

  it('percent-encodes URL values so an answer cannot rewrite the path', () => {
    const request = buildHttpRequest({ ...base, method: 'GET' }, { id: 'a/b?x=1' });
    expect(request).toEqual({ method: 'GET', url: 'https://api.example.com/orders/a%2Fb%3Fx%3D1', headers: {}, body: null, timeoutMs: 5000 });
  });

  it('escapes values inside a JSON body and sends it as JSON', () => {
    const request = buildHttpRequest({ ...base, body: '{"note": "{{text}}", "qty": {{qty}}}' }, { id: '1', text: 'say "hi"\nthere', qty: 3 });
    expect(JSON.parse(request.body!)).toEqual({ note: 'say "hi"\nthere', qty: 3 });
    expect(request.headers['content-type']).toBe('application/json');
  });

  it('sends other bodies as text, keeps a given Content-Type, and strips line breaks from header values', () => {
    const text = buildHttpRequest({ ...base, body: 'hello {{name}}' }, { id: '1', name: 'Ann' });
    expect(text).toMatchObject({ body: 'hello Ann', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const custom = buildHttpRequest({ ...base, headers: 'Content-Type: application/x-www-form-urlencoded\nX-Who: {{name}}', body: 'a=1' }, { name: 'A\r\nInjected: yes' });
    expect(custom.headers).toEqual({ 'content-type': 'application/x-www-form-urlencoded', 'x-who': 'A Injected: yes' });
  });
});

describe('http_request validation', () => {
  it('accepts the defaults and counts mapped variables as stored', () => {
    expect(nodeKinds.http_request.config.safeParse(nodeKinds.http_request.defaults).success).toBe(true);
    const graph = flowWith('http_request', { url: 'https://x.test/{{last_message}}', responseMapping: 'order_status = body.status' }, 'order_status');
    expect(codes(graph)).toEqual([]);
    expect(codes(flowWith('http_request', { url: 'https://x.test' }, 'http_error'))).toEqual([]);
  });

  it('reports bad URLs, headers, mappings, timeouts and a body on GET, each at its field', () => {
    expect(codes(flowWith('http_request', { url: 'ftp://x.test', headers: 'nope', responseMapping: 'a = b', timeoutSeconds: 31, method: 'GET', body: 'x' }))).toEqual([
      ['config.invalid', 'url', 'error'],
      ['config.invalid', 'timeoutSeconds', 'error'],
      ['config.invalid', 'headers', 'error'],
      ['config.invalid', 'responseMapping', 'error'],
      ['config.invalid', 'body', 'error'],
    ]);
  });
});

const catalog: CustomActivityDescriptor[] = [
  {
    name: 'calculateShippingCost',
    description: 'Shipping',
    input: [
      { name: 'weightKg', type: 'number', required: true },
      { name: 'country', type: 'string', required: true },
      { name: 'express', type: 'boolean', required: false },
    ],
    output: [{ name: 'cost', type: 'number', required: true }],
  },
];

describe('custom_activity validation', () => {
  const config = { activity: 'calculateShippingCost', input: 'weightKg = 2\ncountry = "DE"', output: 'shipping_cost = cost' };

  it('parses input (may be empty) and output mappings', () => {
    expect(parseInputMapping('  \n# none')).toEqual({ ok: true, assignments: [] });
    expect(parseInputMapping('weightKg = number(w)')).toMatchObject({ ok: true, assignments: [{ variable: 'weightKg', source: 'number(w)' }] });
    expect(parseOutputMapping('cost_eur = cost')).toEqual({ ok: true, mappings: [{ target: 'cost_eur', source: 'cost', line: 1 }] });
    expect(parseOutputMapping('cost_eur = body.cost')).toMatchObject({ ok: false });
  });

  it('passes with a matching catalog and counts outputs as stored variables', () => {
    expect(codes(flowWith('custom_activity', config, 'shipping_cost'), { customActivities: catalog })).toEqual([]);
  });

  it('types the stored outputs by the catalog, so a later expression over them is type-checked', () => {
    const graph = flowWith('custom_activity', config, 'shipping_cost');
    graph.nodes.splice(2, 0, { id: 'calc', kind: 'set_variable', position: at(150), config: { assignments: 'shouted = upper(shipping_cost)' } });
    graph.edges = graph.edges.map((edge) => (edge.target === 'say' ? { ...edge, target: 'calc' } : edge));
    graph.edges.push({ id: 'e-calc', source: 'calc', sourcePort: 'next', target: 'say' });
    expect(Object.fromEntries(flowVariables(graph, catalog))).toMatchObject({ shipping_cost: 'number' });
    expect(flowVariables(graph).get('shipping_cost')).toBe('unknown');
    expect(codes(graph, { customActivities: catalog })).toEqual([['expression.type', 'assignments', 'error']]);
    expect(codes(graph)).toEqual([]);
  });

  it('without a catalog checks only syntax and expressions', () => {
    expect(codes(flowWith('custom_activity', { ...config, activity: 'nope', input: 'a = missing_var' }))).toEqual([
      ['expression.unknown_variable', 'input', 'error'],
    ]);
    expect(codes(flowWith('custom_activity', { ...config, input: 'weightKg = = 2' }))).toEqual([['config.invalid', 'input', 'error']]);
  });

  it('reports unknown activities, unknown and missing fields, and input of the wrong type', () => {
    expect(codes(flowWith('custom_activity', { ...config, activity: 'lookupOrder' }), { customActivities: catalog })).toEqual([
      ['custom_activity.unknown', 'activity', 'error'],
    ]);
    const issues = validateFlow(
      flowWith('custom_activity', { ...config, input: 'weightKg = "heavy"\ncolour = "red"', output: 'x = price' }),
      { customActivities: catalog },
    ).issues;
    expect(issues.map((issue) => [issue.code, issue.field])).toEqual([
      ['expression.type', 'input'],
      ['custom_activity.unknown_field', 'input'],
      ['custom_activity.missing_field', 'input'],
      ['custom_activity.unknown_field', 'output'],
    ]);
    expect(issues[1]!.message).toContain('no input field "colour" (fields: weightKg, country, express)');
    expect(issues[2]!.message).toContain('needs the input field "country"');
  });
});

describe('subflow validation', () => {
  const flows = [
    { id: 'orders', name: 'Order status', published: true },
    { id: 'draft', name: 'Returns', published: false },
  ];

  it('parses outputs as parent = child variable lines', () => {
    expect(parseSubflowOutputs('status = order_status')).toEqual({ ok: true, mappings: [{ target: 'status', source: 'order_status', line: 1 }] });
    expect(parseSubflowOutputs('status = order.status')).toMatchObject({ ok: false });
  });

  it('accepts a published flow and counts outputs as stored variables', () => {
    const graph = flowWith('subflow', { flowId: 'orders', inputs: 'order_id = last_message', outputs: 'status = order_status' }, 'status');
    expect(codes(graph, { flowId: 'main', flows })).toEqual([]);
    expect(codes(graph)).toEqual([]);
  });

  it('reports a missing flow, the flow itself, unknown and unpublished flows', () => {
    expect(codes(flowWith('subflow', {}))).toEqual([['config.invalid', 'flowId', 'error']]);
    expect(codes(flowWith('subflow', { flowId: 'main' }), { flowId: 'main', flows })).toEqual([['subflow.self', 'flowId', 'error']]);
    expect(codes(flowWith('subflow', { flowId: 'gone' }), { flowId: 'main', flows })).toEqual([['subflow.unknown_flow', 'flowId', 'error']]);
    const unpublished = validateFlow(flowWith('subflow', { flowId: 'draft' }), { flowId: 'main', flows }).issues;
    expect(unpublished[0]).toMatchObject({ code: 'subflow.unknown_flow', message: expect.stringContaining('"Returns" has no published version') });
  });
});
