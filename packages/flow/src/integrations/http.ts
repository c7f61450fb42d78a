import { renderTemplate } from '../template';
import { markSecretReferences, unmarkSecrets, withoutMarkers } from './secrets';
import type { VariableValue, Variables } from '../variables';

/**
 * The pure half of the HTTP request node: parsing its header lines and response mapping, turning
 * its templates into a concrete request (in workflow code, so it is deterministic and the request
 * is recorded in history as the activity's input), and reading mapped values out of a response
 * (in the activity, so only the mapped values enter history, never a whole response body).
 */

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/**
 * Methods a retry cannot apply twice (RFC 9110 §9.2.2). POST and PATCH are not: after a dropped
 * connection nobody knows whether the server acted, so they are never retried.
 */
export const IDEMPOTENT_HTTP_METHODS: readonly HttpMethod[] = ['GET', 'PUT', 'DELETE'];

/** RFC 9110 token characters: what a header name may contain. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

export interface HeaderLine {
  name: string;
  /** The value as written (a template). */
  value: string;
  line: number;
}

/** Reads `Name: value` lines (blank lines and `#` comments skipped). */
export function parseHeaderLines(text: string): { ok: true; headers: HeaderLine[] } | { ok: false; error: string } {
  const headers: HeaderLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!HEADER_NAME.test(name)) return { ok: false, error: `Line ${i + 1}: write Name: value, e.g. Authorization: Bearer {{token}}` };
    headers.push({ name, value: line.slice(colon + 1).trim(), line: i + 1 });
  }
  if (headers.length > 30) return { ok: false, error: 'At most 30 headers' };
  return { ok: true, headers };
}

/**
 * Where a mapped value comes from: `status`, `headers.<name>`, or `body` followed by `.key` and
 * `[index]` steps (`body.order.status`, `body.items[0].id`). Keys are looked up as own
 * properties only, so `body.constructor` is just a missing key.
 */
export type ResponsePath =
  | { from: 'status' }
  | { from: 'headers'; name: string }
  | { from: 'body'; steps: (string | number)[] };

const BODY_STEP = /^(?:\.([A-Za-z0-9_$-]+)|\[(\d{1,6})\])/;

export function parseResponsePath(source: string): { ok: true; path: ResponsePath } | { ok: false; error: string } {
  const text = source.trim();
  if (text === 'status') return { ok: true, path: { from: 'status' } };
  if (text.startsWith('headers.')) {
    const name = text.slice('headers.'.length);
    if (!HEADER_NAME.test(name)) return { ok: false, error: `"${name}" is not a header name` };
    return { ok: true, path: { from: 'headers', name: name.toLowerCase() } };
  }
  if (text === 'body' || text.startsWith('body.') || text.startsWith('body[')) {
    const steps: (string | number)[] = [];
    let rest = text.slice('body'.length);
    while (rest) {
      const match = BODY_STEP.exec(rest);
      if (!match) return { ok: false, error: `cannot read "${rest}" in ${text}; use .key or [index]` };
      steps.push(match[1] ?? Number(match[2]));
      rest = rest.slice(match[0].length);
    }
    if (steps.length > 20) return { ok: false, error: 'at most 20 steps into the body' };
    return { ok: true, path: { from: 'body', steps } };
  }
  return { ok: false, error: `"${text}" must start with status, headers. or body (e.g. body.order.status)` };
}

/** What the HTTP activity hands to `readResponsePath`. Header names are lower case. */
export interface HttpResponseView {
  status: number;
  headers: Readonly<Record<string, string>>;
  /** Parsed JSON when the response is JSON, else its text. */
  body: unknown;
}

/**
 * One mapped value. Variables hold scalars, so a list or an object is stored as its JSON text
 * (a template can still show it, a later request can send it); a missing key is null.
 */
export function readResponsePath(response: HttpResponseView, path: ResponsePath): VariableValue {
  if (path.from === 'status') return response.status;
  if (path.from === 'headers') return Object.hasOwn(response.headers, path.name) ? response.headers[path.name]! : null;
  let value: unknown = response.body;
  for (const step of path.steps) {
    if (typeof step === 'number') value = Array.isArray(value) && step < value.length ? value[step] : undefined;
    else value = isPlainObject(value) && Object.hasOwn(value, step) ? value[step] : undefined;
    if (value === undefined) return null;
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return JSON.stringify(value) ?? null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request an HTTP node sends, after its templates are filled in. Plain JSON (an activity input). */
export interface HttpRequestSpec {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  /** Null for no body. */
  body: string | null;
  timeoutMs: number;
}

export interface HttpRequestTemplate {
  method: HttpMethod;
  url: string;
  headers: string;
  body: string;
  timeoutSeconds: number;
}

/**
 * Fills in an HTTP node's templates:
 * - in the URL each value is percent-encoded, so an answer like `a/b?x=1` stays one path segment
 *   instead of rewriting the request;
 * - in header values line breaks are removed (no header injection);
 * - a body that starts with `{` or `[` is meant to be JSON: values are escaped as JSON string
 *   content, so `{"note": "{{last_message}}"}` stays valid whatever the customer typed. A body
 *   that then parses as JSON is sent as `application/json`, anything else as plain text, unless
 *   the headers name a Content-Type.
 * `{{secrets.NAME}}` references become markers (./secrets) that the activity fills in: the
 * request recorded in history names the secret, never its value.
 */
export function buildHttpRequest(config: HttpRequestTemplate, variables: Readonly<Variables>): HttpRequestSpec {
  const url = renderTemplate(markSecretReferences(config.url, 'url'), mapValues(variables, encodeURIComponent)).trim();
  const headers: Record<string, string> = {};
  const parsed = parseHeaderLines(config.headers);
  for (const header of parsed.ok ? parsed.headers : []) {
    const value = markSecretReferences(header.value, 'header');
    headers[header.name.toLowerCase()] = renderTemplate(value, mapValues(variables, (text) => text.replace(/[\r\n]+/g, ' '))).trim();
  }
  let body: string | null = null;
  const template = config.body.trim();
  if (template && config.method !== 'GET') {
    const json = template.startsWith('{') || template.startsWith('[');
    body = json
      ? renderTemplate(markSecretReferences(template, 'json'), mapValues(variables, (text) => JSON.stringify(text).slice(1, -1)))
      : renderTemplate(markSecretReferences(template, 'text'), mapValues(variables, (text) => text));
    if (!Object.hasOwn(headers, 'content-type')) headers['content-type'] = json && parsesAsJson(unmarkSecrets(body)) ? 'application/json' : 'text/plain; charset=utf-8';
  }
  return { method: config.method, url, headers, body, timeoutMs: config.timeoutSeconds * 1000 };
}

/** Each value as text, without NUL (no value can forge a secret marker), escaped for where it goes. */
function mapValues(variables: Readonly<Variables>, escape: (text: string) => string): Record<string, string | null> {
  const result: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(variables)) result[name] = value === null || value === undefined ? null : escape(withoutMarkers(String(value)));
  return result;
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
