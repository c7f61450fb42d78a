import { ApplicationFailure } from "@temporalio/common";
import { z } from "zod";
import {
  HTTP_METHODS,
  IDEMPOTENT_HTTP_METHODS,
  parseResponsePath,
  readResponsePath,
  type HttpRequestSpec,
  type HttpResponseView,
  type Variables,
} from "@parley/flow";
import { activityIdempotencyKey, createGuardedFetch, egressRefusal, type EgressDeps } from "./egress";
import { FailureType } from "./types";
import { createSecretResolver, type FilledSecrets, type SecretDeps } from "./secrets";

export interface IntegrationDeps extends EgressDeps, SecretDeps {
  /**
   * Hosts the HTTP request node may call: `api.example.com`, or `*.example.com` for its
   * subdomains. Empty or absent: any host name. Internal addresses are refused either way by the
   * SSRF guard (./egress, `httpAllowedNetworks`); this list narrows the public ones.
   */
  httpAllowedHosts?: readonly string[];
}

/** Whether `hostname` is allowed by an allow-list of exact names and `*.domain` wildcards. */
export function hostAllowed(hostname: string, allowed: readonly string[] | undefined): boolean {
  if (!allowed || allowed.length === 0) return true;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return allowed.some((entry) => {
    const pattern = entry.trim().toLowerCase();
    return pattern.startsWith("*.") ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1 : host === pattern;
  });
}

/** What the HTTP request node sends: the request with its templates filled in, and what to read back. */
export interface HttpRequestInput extends HttpRequestSpec {
  /** `variable = path` lines of the node, parsed: only these values come back (and enter history). */
  mapping: { variable: string; path: string }[];
  /** The conversation whose workspace's secrets fill the request's secret markers. */
  conversationId?: string;
}

/** Never an exception for an HTTP outcome: a failing API is a branch of the flow. */
export type HttpRequestResult =
  | { ok: true; status: number; values: Variables }
  | { ok: false; status: number | null; error: string };

/** Bodies above this are not read (the node takes its error exit): a chat flow wants a few fields, not a download. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** A mapped text longer than this is cut: variables are stored with the conversation and travel through history. */
export const MAX_MAPPED_TEXT = 10_000;

const httpRequestInput = z.object({
  method: z.enum(HTTP_METHODS),
  url: z.string().min(1).max(8000),
  headers: z.record(z.string(), z.string().max(8000)),
  body: z.string().max(100_000).nullable(),
  timeoutMs: z.number().int().min(1000).max(30_000),
  mapping: z
    .array(z.object({ variable: z.string().min(1).max(64), path: z.string().refine((path) => parseResponsePath(path).ok, "not a response path") }))
    .max(50),
  conversationId: z.string().min(1).max(100).optional(),
});

/** Activities behind the integration node kinds that reach other systems. */
export function createIntegrationActivities(deps: IntegrationDeps = {}) {
  const { httpAllowedHosts } = deps;
  const guardedFetch = createGuardedFetch(deps);
  const resolveSecrets = createSecretResolver(deps);
  const checkHost = (url: URL) =>
    hostAllowed(url.hostname, httpAllowedHosts) ? null : `${url.hostname} is not among the hosts flows may call (PARLEY_HTTP_ALLOWED_HOSTS)`;
  return {
    /**
     * Sends one HTTP request for the HTTP request node. 2xx → the mapped values; non-2xx, a
     * timeout, a body that is too big, a URL that is not http(s) or an address the SSRF guard
     * refuses (./egress: loopback, private, metadata… after DNS, on every redirect hop) →
     * `ok: false` with a reason. Every request carries an `Idempotency-Key` that stays the same
     * across retries of one node run.
     * Only a failed connection of an idempotent method (GET, PUT, DELETE) throws, so Temporal
     * retries it; a POST or PATCH may have reached the server before the connection dropped, so
     * it is never sent twice: it returns `ok: false` at once.
     */
    async httpRequest(raw: HttpRequestInput): Promise<HttpRequestResult> {
      const parsed = httpRequestInput.safeParse(raw);
      if (!parsed.success) {
        throw ApplicationFailure.nonRetryable(`httpRequest: invalid input (${z.prettifyError(parsed.error)})`, FailureType.InvalidHttpRequest);
      }
      const { url, body, headers, conversationId } = parsed.data;
      const secrets = await resolveSecrets(conversationId, [url, body ?? "", ...Object.values(headers)]);
      if ("error" in secrets) return { ok: false, status: null, error: secrets.error };
      // Nothing that enters history (variables, an error text, a failure) may hold a secret's
      // value, even one the other side echoed back.
      let result: HttpRequestResult;
      try {
        result = await send(parsed.data, secrets);
      } catch (err) {
        throw err instanceof Error ? new Error(secrets.redact(err.message)) : err;
      }
      if (!result.ok) return { ...result, error: secrets.redact(result.error) };
      const values: Variables = {};
      for (const [name, value] of Object.entries(result.values)) values[name] = typeof value === "string" ? secrets.redact(value) : value;
      return { ...result, values };
    },
  };

  async function send(raw: z.infer<typeof httpRequestInput>, secrets: FilledSecrets): Promise<HttpRequestResult> {
    const input = {
      ...raw,
      url: secrets.fill(raw.url),
      headers: Object.fromEntries(Object.entries(raw.headers).map(([name, value]) => [name, secrets.fill(value)])),
      body: raw.body === null ? null : secrets.fill(raw.body),
    };
    if (secrets.missing.size > 0) {
      return { ok: false, status: null, error: `no workspace secret named ${[...secrets.missing].sort().join(", ")}` };
    }
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      return { ok: false, status: null, error: `not a valid URL: ${input.url.slice(0, 200)}` };
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return { ok: false, status: null, error: `only http and https URLs can be called, not ${url.protocol}` };
    }

    // One deadline for connecting, redirects, the headers and reading the body.
    const signal = AbortSignal.timeout(input.timeoutMs);
    let response: Response;
    try {
      response = (await guardedFetch(
        url,
        {
          method: input.method,
          headers: {
            "user-agent": "Parley-HTTP-Node/1",
            accept: "application/json, text/*;q=0.9",
            "idempotency-key": activityIdempotencyKey("http-request"),
            ...input.headers,
          },
          body: input.body,
          signal,
        },
        { checkUrl: checkHost },
      )) as unknown as Response;
    } catch (err) {
      const refused = egressRefusal(err);
      if (refused) return { ok: false, status: null, error: refused.message };
      if (signal.aborted) return { ok: false, status: null, error: `no response within ${input.timeoutMs / 1000} s` };
      const reason = networkReason(err);
      if (IDEMPOTENT_HTTP_METHODS.includes(input.method)) throw new Error(`${input.method} ${url.host} failed: ${reason}`);
      return { ok: false, status: null, error: `${input.method} ${url.host} failed: ${reason}` };
    }

    let text: string;
    try {
      const read = await readCapped(response, MAX_RESPONSE_BYTES);
      if (read === null) return { ok: false, status: response.status, error: `response larger than ${MAX_RESPONSE_BYTES / 1024} KB` };
      text = read;
    } catch {
      if (signal.aborted) return { ok: false, status: response.status, error: `no complete response within ${input.timeoutMs / 1000} s` };
      return { ok: false, status: response.status, error: "the connection broke while reading the response" };
    }

    if (!response.ok) {
      return { ok: false, status: response.status, error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}` };
    }
    const view: HttpResponseView = { status: response.status, headers: headerRecord(response.headers), body: parseBody(text, response.headers) };
    const values: Variables = {};
    for (const { variable, path } of input.mapping) {
      const parsedPath = parseResponsePath(path);
      const value = parsedPath.ok ? readResponsePath(view, parsedPath.path) : null;
      values[variable] = typeof value === "string" ? value.slice(0, MAX_MAPPED_TEXT) : value;
    }
    return { ok: true, status: response.status, values };
  }
}

/** The response text, or null when it is longer than `limit` bytes (reading stops there). */
async function readCapped(response: Response, limit: number): Promise<string | null> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON when the server says so (or the text simply is JSON); otherwise the text itself. */
function parseBody(text: string, headers: Headers): unknown {
  const type = headers.get("content-type") ?? "";
  const looksJson = /[/+]json\b/i.test(type) || /^\s*[[{]/.test(text);
  if (!looksJson) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name.toLowerCase()] = value;
  });
  return record;
}

/** undici wraps the socket error: `fetch failed` with `cause.code` ECONNREFUSED and the like. */
function networkReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause as { code?: unknown; message?: unknown } | undefined;
  if (cause && typeof cause.code === "string") return cause.code;
  if (cause && typeof cause.message === "string") return cause.message;
  return err.message;
}
