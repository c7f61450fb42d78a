import { describe, expect, it } from 'vitest';
import { baseFlow, only } from '../../test/fixtures';
import { validateFlow } from '../validate';
import { buildHttpRequest } from './http';
import { parseCustomActivityInput } from '../kinds/custom-activity';
import { parseSubflowInputs } from '../kinds/subflow';
import { fillSecretMarkers, markedSecretNames, secretReferences, unmarkSecrets } from './secrets';

const secrets = new Map([
  ['API_TOKEN', 'open-sesame "42"\r\nX-Evil: 1'],
  ['REGION', 'eu/west'],
]);

describe('secrets in an HTTP request', () => {
  const base = { method: 'POST' as const, url: 'https://api.example.com/{{secrets.REGION}}/orders/{{id}}', timeoutSeconds: 5 };

  it('keeps the names, never values, in the built request and fills each value escaped for its place', () => {
    const request = buildHttpRequest(
      { ...base, headers: 'Authorization: Bearer {{secrets.API_TOKEN}}', body: '{"token": "{{ secrets.API_TOKEN }}", "id": "{{id}}"}' },
      { id: '7' },
    );
    expect(JSON.stringify(request)).not.toContain('sesame');
    expect(request.headers['content-type']).toBe('application/json');
    expect(markedSecretNames(request.url)).toEqual(['REGION']);
    expect(unmarkSecrets(request.headers.authorization!)).toBe('Bearer {{secrets.API_TOKEN}}');

    expect(fillSecretMarkers(request.url, secrets)).toBe('https://api.example.com/eu%2Fwest/orders/7');
    expect(fillSecretMarkers(request.headers.authorization!, secrets)).toBe('Bearer open-sesame "42" X-Evil: 1');
    expect(JSON.parse(fillSecretMarkers(request.body!, secrets))).toEqual({ token: 'open-sesame "42"\r\nX-Evil: 1', id: '7' });
  });

  it('never turns what a customer typed into a secret reference', () => {
    const typed = '{{secrets.API_TOKEN}} \u0000secret:API_TOKEN:text\u0000';
    const request = buildHttpRequest({ ...base, headers: 'X-Note: {{note}}', body: 'note={{note}}' }, { id: typed, note: typed });
    for (const text of [request.url, request.headers['x-note']!, request.body!]) {
      expect(fillSecretMarkers(text, secrets)).not.toContain('sesame');
    }
    expect(markedSecretNames(request.headers['x-note']!)).toEqual([]);
    expect(markedSecretNames(request.body!)).toEqual([]);
  });

  it('fills a missing secret with nothing and names it', () => {
    const missing = new Set<string>();
    const request = buildHttpRequest({ ...base, url: 'https://x.example/{{secrets.NOPE}}', headers: '', body: '' }, {});
    expect(fillSecretMarkers(request.url, secrets, missing)).toBe('https://x.example/');
    expect([...missing]).toEqual(['NOPE']);
  });

  it('reads references, valid or not', () => {
    expect(secretReferences('a {{secrets.A}} b {{ secrets.lower }} {{secrets.A}} {{other}}')).toEqual(['A', 'lower']);
  });
});

describe('validateFlow: secrets', () => {
  it('refuses a secret outside the fields that may hold one', () => {
    const flow = baseFlow();
    flow.nodes[1]!.config = { text: 'Your key is {{secrets.API_TOKEN}}' };
    const result = validateFlow(flow);
    expect(result.ok).toBe(false);
    expect(only(result, 'secret.not_allowed')).toMatchObject({ nodeId: 'hello', field: 'text', severity: 'error' });
  });

  it('accepts secrets in an HTTP request and refuses an impossible name there', () => {
    const flow = baseFlow();
    flow.nodes[1] = {
      id: 'hello',
      kind: 'http_request',
      position: { x: 0, y: 140 },
      config: { method: 'GET', url: 'https://api.example.com/{{secrets.REGION}}', headers: 'Authorization: Bearer {{secrets.api-token}}', responseMapping: '' },
    };
    flow.edges[1] = { id: 'e2', source: 'hello', sourcePort: 'success', target: 'ask' };
    flow.edges.push({ id: 'e5', source: 'hello', sourcePort: 'error', target: 'ask' });
    const result = validateFlow(flow);
    expect(only(result, 'secret.invalid_name')).toMatchObject({ nodeId: 'hello', field: 'headers' });
    expect(result.issues.filter((issue) => issue.code === 'secret.not_allowed')).toEqual([]);
  });
});

describe('secrets in a custom activity input', () => {
  it('reads `field = {{secrets.NAME}}` lines apart from the expressions', () => {
    const parsed = parseCustomActivityInput('apiKey = {{ secrets.CRM_TOKEN }}\nemail = lower(email)');
    expect(parsed).toMatchObject({ ok: true, secrets: [{ field: 'apiKey', name: 'CRM_TOKEN', line: 1 }], assignments: [{ variable: 'email', line: 2 }] });
  });

  it('refuses a secret mixed into an expression, and a subflow input never takes one', () => {
    expect(parseCustomActivityInput('auth = "Bearer " + {{secrets.CRM_TOKEN}}')).toMatchObject({ ok: false, error: expect.stringContaining('Line 1') });
    expect(parseCustomActivityInput('auth = "{{secrets.CRM_TOKEN}}"')).toMatchObject({ ok: false });
    expect(parseSubflowInputs('token = {{secrets.CRM_TOKEN}}')).toMatchObject({ ok: false });
  });
});
