// Per-client request budgets over real HTTP: a real Temporal dev server, worker and SQLite
// database behind the API, so "a limited request changes nothing" is checked where it would show.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import type { ApiServices } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer, createRateLimiter, parseTrustProxy, type RateBudgets } from "../src";
import { createVoiceMessageRoute } from "../src/voice/voice-message";
import { createAudioCipher } from "@parley/activities/voice";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { signIn, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let services: ApiServices;
let cookie: string;
const servers: ReturnType<typeof createApiServer>[] = [];

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("rate-limits");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  services = testServices(database, env.client, taskQueue);
  // One session for every server below (they share the database): the calls measure budgets, not sign-in.
  cookie = await signIn(await serve({}));
}, 60_000);

afterAll(async () => {
  for (const server of servers) await new Promise((resolve) => server.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** An API server with its own limiter; returns its base URL. */
async function serve(budgets: Partial<RateBudgets>, trustProxy = ""): Promise<string> {
  const rateLimiter = await createRateLimiter({ budgets: { reads: 0, starts: 0, sends: 0, uploads: 0, ...budgets }, trustProxy: parseTrustProxy(trustProxy) });
  const server = createApiServer({
    services,
    rateLimiter,
    trustProxy: parseTrustProxy(trustProxy),
    routes: [createVoiceMessageRoute({ services, audioCipher: createAudioCipher(Buffer.alloc(32, 7)) })],
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface TrpcBody {
  result?: { data: { conversationId?: string } };
  error?: { message: string; data: { code: string; httpStatus: number } };
}

async function call(base: string, procedure: string, input?: unknown, headers: Record<string, string> = {}) {
  const response = input === undefined
    ? await fetch(`${base}/trpc/${procedure}`, { headers: { cookie, ...headers } })
    : await fetch(`${base}/trpc/${procedure}`, { method: "POST", headers: { "content-type": "application/json", cookie, ...headers }, body: JSON.stringify(input) });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    exposed: response.headers.get("access-control-expose-headers"),
    body: (await response.json()) as TrpcBody,
  };
}

describe("rate limits per client", () => {
  it("a start over budget is 429 with Retry-After and opens no conversation; other budgets are untouched", async () => {
    const base = await serve({ starts: 2, reads: 100 });
    for (let i = 0; i < 2; i++) expect((await call(base, "conversations.start", { flowId: database.seed.flowId })).status).toBe(200);
    const before = await database.db.conversation.count();
    const limited = await call(base, "conversations.start", { flowId: database.seed.flowId }, { origin: "http://localhost:3000" });
    expect(limited.status).toBe(429);
    // A browser may read when to come back.
    expect(limited.exposed).toMatch(/retry-after/);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
    expect(limited.body.error).toMatchObject({ message: expect.stringMatching(/too many requests \(starts\)/), data: { code: "TOO_MANY_REQUESTS", httpStatus: 429 } });
    expect(await database.db.conversation.count()).toBe(before);
    // Reads draw on their own budget.
    expect((await call(base, "flows.list")).status).toBe(200);
  }, 60_000);

  it("a message over budget is 429 and not recorded; a batch costs one per call", async () => {
    const open = await serve({});
    const started = await call(open, "conversations.start", { flowId: database.seed.flowId });
    const conversationId = started.body.result!.data.conversationId!;

    const base = await serve({ sends: 1 });
    expect((await call(base, "conversations.send", { conversationId, text: "Ada" })).status).toBe(200);
    const limited = await call(base, "conversations.send", { conversationId, text: "Refund please" });
    expect(limited.status).toBe(429);
    const messages = await database.db.message.findMany({ where: { conversationId, author: "contact" } });
    expect(messages.map((message) => message.text)).toEqual(["Ada"]);
    const conversation = await database.db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(conversation.status).toBe("active");

    // Two reads in one batch against a budget of one: the whole batch is refused, per call.
    const reads = await serve({ reads: 1 });
    const batch = await fetch(`${reads}/trpc/flows.list,users.list?batch=1&input=${encodeURIComponent("{}")}`, { headers: { cookie } });
    expect(batch.status).toBe(429);
    expect(((await batch.json()) as unknown[]).length).toBe(2);
  }, 60_000);

  it("uploads have their own budget", async () => {
    const base = await serve({ uploads: 1 });
    const upload = () => fetch(`${base}/voice/messages/unknown-conversation`, { method: "POST", headers: { cookie }, body: new Uint8Array(8) });
    expect((await upload()).status).toBe(404);
    const limited = await upload();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBeTruthy();
    expect(await limited.json()).toEqual({ error: expect.stringMatching(/too many requests \(uploads\)/) });
  });

  it("X-Forwarded-For names the client only behind a trusted proxy", async () => {
    const untrusting = await serve({ reads: 1 });
    expect((await call(untrusting, "flows.list", undefined, { "x-forwarded-for": "203.0.113.1" })).status).toBe(200);
    // A forged header does not buy a fresh budget.
    expect((await call(untrusting, "flows.list", undefined, { "x-forwarded-for": "203.0.113.2" })).status).toBe(429);

    const behindProxy = await serve({ reads: 1 }, "loopback");
    expect((await call(behindProxy, "flows.list", undefined, { "x-forwarded-for": "203.0.113.1" })).status).toBe(200);
    expect((await call(behindProxy, "flows.list", undefined, { "x-forwarded-for": "203.0.113.1" })).status).toBe(429);
    expect((await call(behindProxy, "flows.list", undefined, { "x-forwarded-for": "203.0.113.2" })).status).toBe(200);
    // /health is never limited.
    expect((await fetch(`${behindProxy}/health`)).status).toBe(200);
  });
});
