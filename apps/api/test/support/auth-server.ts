import { createServer, type AddressInfo } from "node:net";
import { Client, Connection } from "@temporalio/client";
import type { ApiServices } from "@parley/api";
import { createApiServer, type ApiServerOptions } from "../../src";
import { TEST_APP_ORIGIN, testServices } from "../../../../test/support/api";
import type { TestDatabase } from "../../../../test/support/database";

/** A loopback port nobody listens on right now (the API's public URL must be known before it listens). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Sign-in needs no Temporal: a client that would connect on first use (and never does here)
 * keeps these tests free of a Temporal server.
 */
export function unusedTemporal(): Client {
  return new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
}

export interface AuthTestServer {
  baseUrl: string;
  services: ApiServices;
  close(): Promise<void>;
}

/** The real API server over `database`, reached at its public URL (reset links and OIDC callbacks point there). */
export async function startAuthTestServer(
  database: TestDatabase,
  extra: Parameters<typeof testServices>[3] = {},
  serverOptions: Omit<ApiServerOptions, "services"> = {},
  port?: number,
): Promise<AuthTestServer> {
  port ??= await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const services = testServices(database, unusedTemporal(), "unused", { publicUrl: baseUrl, ...extra });
  const server = createApiServer({ services, ...serverOptions });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    baseUrl,
    services,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface HttpAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A request as a browser on the builder's page would send it, unless the headers say otherwise. */
export async function request<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<HttpAnswer<T>> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: { origin: TEST_APP_ORIGIN, ...(init.body === undefined ? {} : { "content-type": "application/json" }), ...init.headers },
    redirect: "manual",
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the text as it came
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

interface TrpcBody {
  result?: { data?: unknown };
  error?: { message: string; data?: { code?: string; httpStatus?: number } };
}

/** One tRPC call over plain HTTP, to read its status code (a query by GET, a mutation by POST). */
export async function trpcCall(
  baseUrl: string,
  path: string,
  options: { input?: unknown; mutation?: boolean; cookie?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; data: unknown; error?: TrpcBody["error"] }> {
  const headers = { ...(options.cookie ? { cookie: options.cookie } : {}), ...options.headers };
  const answer = options.mutation
    ? await request<TrpcBody>(`${baseUrl}/trpc/${path}`, { body: options.input ?? {}, headers })
    : await request<TrpcBody>(`${baseUrl}/trpc/${path}${options.input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(options.input))}`}`, { headers });
  return { status: answer.status, data: answer.body.result?.data, ...(answer.body.error ? { error: answer.body.error } : {}) };
}
