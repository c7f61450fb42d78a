// The public REST API (/api/v1) as an integration uses it: plain HTTP with an API key, against a
// real Temporal dev server, worker and SQLite database. Its OpenAPI document, the reference page,
// every operation, the key's scope and workspace, bad input, and per-key rate limits.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { generateApiKey, restRouter, type ApiServices } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer, createRateLimiter, parseTrustProxy } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let services: ApiServices;
const servers: ReturnType<typeof createApiServer>[] = [];
let base: string;
const keys: Record<"read" | "write" | "admin" | "otherWorkspace", string> = { read: "", write: "", admin: "", otherWorkspace: "" };

async function listen(server: ReturnType<typeof createApiServer>): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
}

async function newKey(workspaceId: string, scope: "read" | "write" | "admin"): Promise<string> {
  const { key, prefix, hash } = generateApiKey();
  await database.db.apiKey.create({ data: { workspaceId, name: `rest ${scope}`, scope, prefix, hash } });
  return key;
}

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("rest-api");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  services = testServices(database, env.client, taskQueue);
  base = await listen(createApiServer({ services }));
  const { workspaceId } = database.seed;
  for (const scope of ["read", "write", "admin"] as const) keys[scope] = await newKey(workspaceId, scope);
  const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-rest" } });
  keys.otherWorkspace = await newKey(other.id, "admin");
});

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** One REST call; `key` is the Authorization header's API key (none: anonymous). */
async function call(method: string, path: string, options: { key?: string; body?: unknown; raw?: string; at?: string } = {}) {
  const response = await fetch(`${options.at ?? base}${path}`, {
    method,
    headers: { ...(options.key ? { authorization: `Bearer ${options.key}` } : {}), ...(options.body !== undefined || options.raw ? { "content-type": "application/json" } : {}) },
    ...(options.raw !== undefined ? { body: options.raw } : options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  // Loosely typed on purpose: the assertions read whatever the server sent.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, any>) : null };
}

describe("the REST API", () => {
  it("documents itself: an OpenAPI 3.1 document with every operation, and a reference page that works offline", async () => {
    const { status, body: doc } = await call("GET", "/openapi.json");
    expect(status).toBe(200);
    expect(doc!.openapi).toBe("3.1.0");
    expect(Object.keys(doc!.paths).sort()).toEqual(
      ["/contacts", "/contacts/{id}", "/contacts/{id}/attributes", "/conversations", "/conversations/inbound", "/conversations/{conversationId}/messages", "/conversations/{id}", "/flows", "/flows/{id}", "/flows/{id}/publish", "/webhooks", "/webhooks/{id}"].sort(),
    );
    type Operation = { security: unknown; responses: Record<string, { content: Record<string, { schema: unknown }> }> };
    for (const [path, operations] of Object.entries(doc!.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.security, `${method} ${path}`).toEqual([{ apiKey: [] }]);
        expect(operation.responses["200"]?.content["application/json"]?.schema, `${method} ${path}`).toBeDefined();
      }
    }
    expect(doc!.components.schemas.Conversation.properties.messages).toBeDefined();
    // Every operation declares who may call it, as every tRPC procedure does (authorization matrix).
    for (const [name, procedure] of Object.entries(restRouter._def.procedures as Record<string, { _def: { meta?: { policy?: unknown } } }>)) {
      expect(procedure._def.meta?.policy, name).toMatchObject({ kind: "staff" });
    }

    const page = await fetch(`${base}/docs`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    for (const asset of [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!)) {
      const response = await fetch(new URL(asset, base));
      expect(response.status, asset).toBe(200);
    }
    expect((await fetch(`${base}/docs/package.json`)).status).toBe(404);
  });

  it("an integration opens a conversation, sends messages (once per id) and reads them back", async () => {
    const { flowId } = database.seed;
    const flows = await call("GET", "/flows", { key: keys.read });
    expect(flows.status).toBe(200);
    expect(flows.body!.flows.map((flow: { id: string }) => flow.id)).toContain(flowId);
    expect((await call("GET", `/flows/${flowId}`, { key: keys.read })).body).toMatchObject({ id: flowId, published: { version: 1 } });

    const started = await call("POST", "/conversations", { key: keys.write, body: { flowId, channel: "web", contact: { name: "Ada", email: "ada@example.com" } } });
    expect(started.status).toBe(200);
    const { conversationId } = started.body!;
    expect(started.body!.replies.length).toBeGreaterThan(0);
    expect(started.body!.token).toEqual(expect.any(String));

    const message = { text: "I need help with my order", clientMessageId: "rest-1" };
    const turn = await call("POST", `/conversations/${conversationId}/messages`, { key: keys.write, body: message });
    expect(turn.status).toBe(200);
    expect(turn.body!.accepted).toMatchObject({ seq: expect.any(Number) });
    const again = await call("POST", `/conversations/${conversationId}/messages`, { key: keys.write, body: message });
    expect(again.body).toEqual(turn.body);

    const transcript = await call("GET", `/conversations/${conversationId}/messages?afterSeq=0`, { key: keys.read });
    expect(transcript.status).toBe(200);
    expect(transcript.body!.messages.filter((m: { author: string; text: string }) => m.author === "contact" && m.text === message.text)).toHaveLength(1);
    const later = await call("GET", `/conversations/${conversationId}/messages?afterSeq=${turn.body!.accepted.seq}`, { key: keys.read });
    expect(later.body!.messages.every((m: { seq: number }) => m.seq > turn.body!.accepted.seq)).toBe(true);

    const conversation = await call("GET", `/conversations/${conversationId}`, { key: keys.read });
    expect(conversation.body).toMatchObject({ id: conversationId, contact: { name: "Ada", email: "ada@example.com" }, flow: { id: flowId } });

    const contacts = await call("GET", "/contacts?query=ada%40example&limit=5", { key: keys.read });
    expect(contacts.body!.contacts).toEqual([expect.objectContaining({ name: "Ada", email: "ada@example.com", conversations: 1 })]);
  });

  it("the key decides: none is 401, a read key cannot write, another workspace sees nothing; nothing changes", async () => {
    const { flowId } = database.seed;
    const { body } = await call("POST", "/conversations", { key: keys.write, body: { flowId, channel: "web" } });
    const conversationId = body!.conversationId as string;
    const messages = () => database.db.message.count({ where: { conversationId } });
    const before = await messages();

    expect((await call("GET", "/flows")).status).toBe(401);
    expect((await call("GET", "/flows", { key: "pk_not-a-real-key" })).status).toBe(401);
    const refused = await call("POST", `/conversations/${conversationId}/messages`, { key: keys.read, body: { text: "hello" } });
    expect(refused.status).toBe(403);
    expect(refused.body!.message).toMatch(/scope/);
    expect((await call("POST", "/contacts", { key: keys.read, body: { email: "refused@example.com" } })).status).toBe(403);
    expect((await call("POST", `/flows/${flowId}/publish`, { key: keys.read, body: {} })).status).toBe(403);
    expect((await call("GET", `/conversations/${conversationId}`, { key: keys.otherWorkspace })).status).toBe(404);
    expect((await call("POST", `/conversations/${conversationId}/messages`, { key: keys.otherWorkspace, body: { text: "hi" } })).status).toBe(404);
    expect((await call("POST", "/conversations", { key: keys.otherWorkspace, body: { flowId, channel: "web" } })).status).toBe(404);
    expect(await messages()).toBe(before);
  });

  it("bad input is a 400 with the field named, unknown paths 404; nothing is stored", async () => {
    const { flowId } = database.seed;
    const { body } = await call("POST", "/conversations", { key: keys.write, body: { flowId, channel: "web" } });
    const conversationId = body!.conversationId as string;
    const messages = () => database.db.message.count({ where: { conversationId } });
    const before = await messages();
    const path = `/conversations/${conversationId}/messages`;
    for (const bad of [{ text: "" }, { text: "x".repeat(20_000) }, { text: 42 }, { text: "hi", clientMessageId: "no spaces allowed" }, {}]) {
      const response = await call("POST", path, { key: keys.write, body: bad });
      expect(response.status, JSON.stringify(bad).slice(0, 60)).toBe(400);
    }
    expect((await call("POST", path, { key: keys.write, raw: "{not json" })).status).toBe(400);
    expect((await call("GET", `${path}?afterSeq=-1`, { key: keys.read })).status).toBe(400);
    expect((await call("GET", `${path}?afterSeq=abc`, { key: keys.read })).status).toBe(400);
    expect((await call("POST", "/conversations", { key: keys.write, body: { flowId, channel: "pigeon" } })).status).toBe(400);
    expect((await call("GET", "/nope", { key: keys.read })).status).toBe(404);
    expect(await messages()).toBe(before);
  });

  it("rate limits count per key: one integration over its budget is 429 with Retry-After, another key goes on", async () => {
    const rateLimiter = await createRateLimiter({ budgets: { reads: 2, starts: 1, sends: 1, uploads: 1 }, trustProxy: parseTrustProxy("") });
    const limited = await listen(createApiServer({ services, rateLimiter }));
    for (let i = 0; i < 2; i++) expect((await call("GET", "/flows", { key: keys.read, at: limited })).status).toBe(200);
    const over = await call("GET", "/flows", { key: keys.read, at: limited });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await call("GET", "/flows", { key: keys.admin, at: limited })).status).toBe(200);
  });
});
