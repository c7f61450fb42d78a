// A property-based fuzz corpus over the real API: every tRPC procedure (walked from the router,
// so a new procedure is fuzzed without touching this file) and every plain HTTP route, against a
// real Temporal dev server, worker and SQLite database. Bad input must always get a 4xx: zero
// 5xx answers, zero dropped connections, no server paths or stack lines in any answer, and a
// server that still answers /health and runs a conversation afterwards.
// The families of requests are in api/*-requests.ts, what they aim at in api/targets.ts, and how
// every answer is judged in api/exchange.ts.
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { generateApiKey } from "@parley/api";
import { createApiServer, createCodecRoute } from "@parley/api-server";
import { AesGcmPayloadCodec } from "@parley/workflows/codec";
import { createVoiceMessageRoute } from "../../apps/api/src/voice/voice-message";
import { createAudioCipher } from "@parley/activities/voice";
import { createConversationWorker } from "@parley/worker";
import { startTemporalDevServer, uniqueTaskQueue } from "../support/temporal";
import { signIn, testServices } from "../support/api";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { nested } from "./hostile";
import type { RawRequest } from "./raw-http";
import { call, exchange, report } from "./api/exchange";
import { credentialedCall, procedureCall } from "./api/procedure-requests";
import { tRpcRequest } from "./api/requests";
import { restRequest } from "./api/rest-requests";
import { CODEC_TOKEN, targets, WIDGET_CHANNEL } from "./api/targets";
import { transportRequest } from "./api/transport-requests";
import { uploadRequest } from "./api/upload-requests";
import { voiceRequest } from "./api/voice-requests";
import { widgetRequest } from "./api/widget-requests";

/** Runs per family; sized for about a minute on two shared cores. */
const RUNS = { procedures: 2500, transport: 700, voice: 250, uploads: 120, credentials: 400, widget: 300, rest: 300 };

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("fuzz");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  const services = testServices(database, env.client, taskQueue);
  server = createApiServer({
    services,
    routes: [createVoiceMessageRoute({ services, audioCipher: createAudioCipher(randomBytes(32)), maxBytes: 256 * 1024 })],
    widgetFiles: { cipher: createAudioCipher(randomBytes(32)), maxBytes: 64 * 1024 },
    standaloneRoutes: [createCodecRoute({ codec: new AesGcmPayloadCodec([{ id: "fuzz", key: randomBytes(32) }]), services, token: CODEC_TOKEN, corsOrigins: ["*"] })],
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  targets.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  targets.cookie = await signIn(targets.baseUrl);

  const { seed, db } = database;
  targets.knowledgeBaseId = seed.knowledgeBaseId;
  const conversations = await Promise.all([0, 1, 2, 3].map(() => call("conversations.start", { flowId: seed.flowId })));
  const started = conversations.map((answer) => (answer as { conversationId: string }).conversationId);
  targets.activeConversation = started[0]!;
  targets.endedConversation = started[1]!;
  await call("conversations.send", { conversationId: targets.endedConversation, text: "Ada" });
  await call("conversations.send", { conversationId: targets.endedConversation, text: "Billing" });
  // Every seeded flow has a conversation too: the one with a handoff gives agent actions a queue to act on.
  const flows = await db.flow.findMany({ where: { workspaceId: seed.workspaceId }, include: { versions: true } });
  for (const flow of flows.filter((candidate) => candidate.id !== seed.flowId)) {
    started.push(((await call("conversations.start", { flowId: flow.id })) as { conversationId: string }).conversationId);
  }
  await db.workspaceChannel.create({
    data: { workspaceId: seed.workspaceId, kind: "web_widget", name: "Fuzz widget", flowId: seed.flowId, publicId: WIDGET_CHANNEL, allowedOrigins: ["*"], config: {} },
  });
  const opened = await fetch(`${targets.baseUrl}/widget/v1/channels/${WIDGET_CHANNEL}/conversations`, { method: "POST", headers: { origin: "https://shop.example", "content-type": "application/json" }, body: "{}" });
  Object.assign(targets.widget, (await opened.json()) as typeof targets.widget);
  const documents = await db.knowledgeDocument.findMany({ where: { knowledgeBaseId: seed.knowledgeBaseId }, take: 2 });
  const restKey = generateApiKey();
  await db.apiKey.create({ data: { workspaceId: seed.workspaceId, name: "fuzz", scope: "write", prefix: restKey.prefix, hash: restKey.hash } });
  targets.rest.key = restKey.key;
  // Contacts (one with a phone, one with an external id) for the contact procedures to find and merge.
  const contacts = await Promise.all(
    [{ kind: "phone" as const, value: "+14155550100" }, { kind: "external" as const, value: "crm-fuzz-1" }].map((identity) =>
      db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Fuzz contact", identities: { create: { workspaceId: seed.workspaceId, ...identity } } } }),
    ),
  );
  targets.rest.contactId = contacts[0]!.id;
  targets.ids.push(
    ...flows.flatMap((flow) => [flow.id, ...flow.versions.map((version) => version.id)]),
    seed.agentId,
    seed.adminId,
    seed.knowledgeBaseId,
    ...started,
    ...documents.map((d) => d.id),
    ...contacts.map((contact) => contact.id),
  );
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

async function fuzz(name: keyof typeof RUNS, requests: fc.Arbitrary<RawRequest>, seed: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      await exchange(request);
    }),
    { numRuns: RUNS[name], seed, endOnFailure: true },
  );
}

describe("fuzz: every bad input is a 4xx", () => {
  it("answers every request of the corpus without a 5xx, a dropped connection or a leaked path, and stays healthy", async () => {
    // A new corpus every run (the summary prints its seed; to replay a run, write its seed here).
    const seed = Date.now() % 2 ** 31;
    const started = performance.now();
    // Four families side by side, each one request at a time: the server sees concurrency too.
    await Promise.all([
      fuzz("procedures", procedureCall, seed),
      fuzz("transport", transportRequest, seed + 1),
      fuzz("voice", voiceRequest, seed + 2),
      fuzz("uploads", uploadRequest, seed + 3),
      fuzz("credentials", credentialedCall, seed + 4),
      fuzz("widget", widgetRequest, seed + 5),
      fuzz("rest", restRequest, seed + 6),
    ]);
    // Still healthy, and still working: a conversation starts and answers. A valid flows.delete in
    // the corpus may have retired the seeded flow once the corpus ended its conversations: undo it.
    await database.db.flow.update({ where: { id: database.seed.flowId }, data: { deletedAt: null } });
    const health = await exchange({ method: "GET", path: "/health" });
    const opened = (await call("conversations.start", { flowId: database.seed.flowId })) as { conversationId: string };
    const turn = (await call("conversations.send", { conversationId: opened.conversationId, text: "Grace" })) as { replies: { text: string }[] };
    const counts = Object.fromEntries([...report.statusCounts].sort(([a], [b]) => a.localeCompare(b)));
    console.log(
      `fuzz: ${report.sent} requests in ${Math.round((performance.now() - started) / 1000)} s (seed ${seed}), status ${JSON.stringify(counts)}, ${report.failures.length} failure(s)`,
    );
    expect(report.failures).toEqual([]);
    expect(health).toEqual({ status: 200, body: JSON.stringify({ ok: true }) });
    expect(turn.replies[0]?.text).toContain("Grace");
    // Each conversation the fuzz wrote to still answers its state (no workflow jammed on a bad write).
    for (const id of targets.ids.filter((candidate) => candidate.length === 36)) {
      const state = await env.client.workflow.getHandle(id).describe();
      expect(["RUNNING", "COMPLETED"]).toContain(state.status.name);
    }
  }, 600_000);

  it("refuses the texts that used to reach the database, with the reason", async () => {
    for (const [text, reason] of [
      ["hi \ud800", /broken character/],
      ["a\u0000b", /control character/],
      ["\u200b\u200b", /empty/],
    ] as const) {
      const answer = await exchange(tRpcRequest("conversations.send", "POST", JSON.stringify({ conversationId: targets.activeConversation, text })));
      expect(answer).toMatchObject({ status: 400, body: expect.stringMatching(reason) });
    }
    // A graph of the right shape whose node config nests deeper than any flow does: 400, not stored.
    const deep = { schemaVersion: 1, nodes: [{ id: "start", kind: "start", position: { x: 0, y: 0 }, config: nested(1000) }], edges: [] };
    const refused = await exchange(tRpcRequest("flows.saveDraft", "POST", JSON.stringify({ id: database.seed.flowId, graph: deep })));
    expect(refused).toMatchObject({ status: 400, body: expect.stringMatching(/nested/) });
  });

  it("answers an oversized voice message with 413, also when it comes chunked", async () => {
    const { conversationId } = (await call("conversations.start", { flowId: database.seed.flowId })) as { conversationId: string };
    for (const chunked of [false, true]) {
      const answer = await exchange({ method: "POST", path: `/voice/messages/${conversationId}`, body: new Uint8Array(600 * 1024), chunked });
      expect(answer).toMatchObject({ status: 413 });
    }
  });

  it("answers a path nobody serves with a 404 that has a message and a code", async () => {
    const answer = await exchange({ method: "GET", path: "/elsewhere" });
    expect(answer).toMatchObject({ status: 404 });
    expect(JSON.parse((answer as { body: string }).body)).toEqual({ error: expect.stringMatching(/not found/), code: "NOT_FOUND" });
  });

  it("caps tRPC batches at 50 calls with a clear 400", async () => {
    const batch = (size: number) => ({
      method: "GET",
      path: `/trpc/${Array.from({ length: size }, () => "users.list").join(",")}?batch=1&input=${encodeURIComponent("{}")}`,
    });
    expect(await exchange(batch(50))).toMatchObject({ status: 200 });
    expect(await exchange(batch(51))).toMatchObject({ status: 400, body: expect.stringMatching(/Batch call exceeds maximum size/) });
  });

  it("reads, lists, publishes and starts flows whose stored graph is unreadable without a 5xx", async () => {
    const { id } = (await call("flows.create", { name: "Unreadable" })) as { id: string };
    for (const graph of ["a string", 5, { nodes: "x", edges: 1 }, nested(60), { schemaVersion: 99, nodes: [], edges: [] }]) {
      // Written behind the API's back, as an old version, a migration or a hand edit could have.
      await database.db.flowVersion.updateMany({ where: { flowId: id, published: false }, data: { graph: graph as object } });
      for (const request of [
        tRpcRequest("flows.get", "GET", JSON.stringify({ id })),
        tRpcRequest("flows.list", "GET", undefined),
        tRpcRequest("flows.publish", "POST", JSON.stringify({ id })),
        tRpcRequest("conversations.start", "POST", JSON.stringify({ flowId: id })),
        tRpcRequest("conversations.startFromMessage", "POST", JSON.stringify({ channel: "web", text: "hello" })),
      ]) {
        const answer = await exchange(request);
        expect("status" in answer && answer.status < 500, `${request.path}: ${JSON.stringify(answer)}`).toBe(true);
      }
    }
    expect(report.failures).toEqual([]);
  });
});
