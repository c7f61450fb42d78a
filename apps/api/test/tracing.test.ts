import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { AesGcmPayloadCodec } from "@parley/workflows/codec";
import { createConversationWorker, startTracing, type Tracing } from "@parley/worker";
import { createApiServer, temporalClient } from "../src";
import { testClient, testServices } from "../../../test/support/api";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// OpenTelemetry from an API request into the workflow and its activities (real Temporal dev
// server, worker, database, HTTP): a loopback OTLP/HTTP receiver collects what is exported, and
// the request's span, the workflow's and the activities' share one trace id.
interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let api: Server;
let collector: Server;
let tracing: Tracing;
let baseUrl: string;
let flowId: string;
const received: ReceivedSpan[] = [];

beforeAll(async () => {
  collector = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", () => {
      if (req.url === "/v1/traces") {
        const payload = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ReceivedSpan[] }[] }[] };
        for (const resource of payload.resourceSpans) for (const scope of resource.scopeSpans) received.push(...scope.spans);
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, "127.0.0.1", resolve));
  tracing = startTracing("parley-test", `http://127.0.0.1:${(collector.address() as AddressInfo).port}`)!;

  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("tracing-test");
  const payloadCodec = new AesGcmPayloadCodec([{ id: "tracing", key: randomBytes(32) }]);
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db, payloadCodec, tracing });
  running = worker.run();
  const temporal = temporalClient({ connection: env.connection, namespace: "default", payloadCodec, traced: true });
  api = createApiServer({ services: testServices(database, temporal, taskQueue), traced: true });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  const graph: FlowGraph = {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "hello", kind: "message", position: { x: 0, y: 100 }, config: { text: "Hello" } },
      { id: "end", kind: "end", position: { x: 0, y: 200 }, config: { status: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "hello" },
      { id: "e2", source: "hello", sourcePort: "next", target: "end" },
    ],
  };
  const flow = await database.db.flow.create({
    data: {
      workspaceId: database.seed.workspaceId,
      name: "Traced",
      versions: {
        create: [
          { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(graph), published: true, publishedAt: new Date() },
          { version: 2, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(graph), published: false },
        ],
      },
    },
  });
  flowId = flow.id;
});

afterAll(async () => {
  await new Promise((resolve) => api?.close(resolve));
  worker?.shutdown();
  await running;
  await tracing?.shutdown();
  await env?.teardown();
  await database?.close();
  await new Promise((resolve) => collector?.close(resolve));
});

describe("tracing", () => {
  it("carries one trace from the API request through the workflow into its activities", async () => {
    const started = await testClient(baseUrl).conversations.start.mutate({ flowId });
    expect(started.replies.map((reply) => reply.text)).toEqual(["Hello"]);
    // The workflow's own spans leave through the worker's sink once it has ended.
    const request = () => received.find((span) => span.name === "POST trpc:conversations");
    await expect
      .poll(async () => {
        await tracing.flush();
        const root = request();
        return root ? [...new Set(received.filter((span) => span.traceId === root.traceId).map((span) => span.name.split(":")[0]))].sort() : [];
      }, { timeout: 20_000 })
      .toEqual(expect.arrayContaining(["POST trpc", "RunActivity", "RunWorkflow", "StartActivity"]));
    const root = request()!;
    const trace = received.filter((span) => span.traceId === root.traceId);
    // One tree: every span but the request's has its parent in the same trace.
    const ids = new Set(trace.map((span) => span.spanId));
    expect(trace.filter((span) => span !== root && !ids.has(span.parentSpanId ?? "")).map((span) => span.name)).toEqual([]);
    expect(root.parentSpanId ?? "").toBe("");
    // The Update-with-start the request made, its handler in the workflow, and the activities it
    // ran (the flow came in the start input: no loadFlow).
    expect(trace.map((span) => span.name).sort()).toEqual([
      "HandleUpdate:opening",
      "POST trpc:conversations",
      "RunActivity:recordTurn",
      "RunWorkflow:conversation",
      "StartActivity:recordTurn",
      "UpdateWithStartWorkflow:opening",
    ]);
  });
});
