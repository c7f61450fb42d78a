import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { SEEDED_ROLE_EMAIL, signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// A conversation's path over HTTP (real Temporal dev server, worker and database): a real
// conversation whose order lookup gets a 500 from a loopback server shows each step in order
// with its timing, the failed step with its error and the variables after each step; "re-run
// from this step" starts a test conversation of the same version at that step, with the
// variables the conversation had there.
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let api: ReturnType<typeof testClient>;
let analyst: ReturnType<typeof testClient>;
let orders: Server;
let ordersBase: string;
const received: string[] = [];

beforeAll(async () => {
  orders = createServer((req, res) => {
    received.push(req.url ?? "");
    res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "the order service is down" }));
  });
  await new Promise<void>((resolve) => orders.listen(0, "127.0.0.1", resolve));
  ordersBase = `http://127.0.0.1:${(orders.address() as AddressInfo).port}`;
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("conversation-path-test");
  worker = await createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"] },
  });
  running = worker.run();
  server = createApiServer({ services: testServices(database, env.client, taskQueue) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = testClient(baseUrl, { cookie: await signIn(baseUrl) });
  analyst = testClient(baseUrl, { cookie: await signIn(baseUrl, SEEDED_ROLE_EMAIL.analyst) });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
  await new Promise((resolve) => orders?.close(resolve));
});

/** start → ask the order → look it up (the server answers 500) → apologise → end. */
function ordersFlow(): FlowGraph {
  const nodes: Omit<FlowGraph["nodes"][number], "position">[] = [
    { id: "start", kind: "start", config: {} },
    { id: "ask", kind: "ask", config: { question: "Which order?", variable: "order" } },
    { id: "lookup", kind: "http_request", config: { url: `${ordersBase}/orders/{{order}}`, responseMapping: "order_status = body.status" } },
    { id: "tell", kind: "message", config: { text: "Order {{order}} is {{order_status}}" } },
    { id: "sorry", kind: "message", config: { text: "Sorry, I cannot look up order {{order}} now." } },
    { id: "end", kind: "end", config: { status: "resolved" } },
  ];
  const edges: [string, string, string][] = [
    ["start", "next", "ask"],
    ["ask", "answered", "lookup"],
    ["ask", "invalid", "sorry"],
    ["ask", "timeout", "sorry"],
    ["lookup", "success", "tell"],
    ["lookup", "error", "sorry"],
    ["tell", "next", "end"],
    ["sorry", "next", "end"],
  ];
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 0, y: i * 150 } })),
    edges: edges.map(([source, sourcePort, target], i) => ({ id: `e${i}`, source, sourcePort, target })),
  };
}

describe("a conversation's path", () => {
  it("shows a real conversation's steps, timings, variables and failed step, and re-runs from a step", async () => {
    const flow = await api.flows.create.mutate({ name: "Order lookup" });
    await api.flows.saveDraft.mutate({ id: flow.id, graph: ordersFlow() });
    await api.flows.publish.mutate({ id: flow.id, note: "first" });
    const started = await api.conversations.start.mutate({ flowId: flow.id });
    await api.conversations.send.mutate({ conversationId: started.conversationId, text: "A-17" });
    expect((await env.client.workflow.getHandle(started.conversationId).result()).status).toBe("resolved");

    const path = await api.conversations.path.query({ conversationId: started.conversationId });
    expect(path.flow).toMatchObject({ id: flow.id, version: 1, published: true });
    expect(path.graph.nodes.map((node) => node.id)).toEqual(["start", "ask", "lookup", "tell", "sorry", "end"]);
    expect(path.steps.map((step) => [step.nodeId, step.outcome, step.failed])).toEqual([
      ["start", "next", false],
      ["ask", "answered", false],
      ["lookup", "error", true],
      ["sorry", "next", false],
      ["end", "end:resolved", false],
    ]);
    for (const step of path.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
    const lookup = path.steps.find((step) => step.nodeId === "lookup")!;
    expect(lookup.error).toContain("500");
    expect(lookup.variables).toMatchObject({ order: "A-17", http_status: 500 });
    expect(path.steps.find((step) => step.nodeId === "ask")!.variables).toMatchObject({ order: "A-17" });
    // Each step says where the transcript stood once it finished: the question and its answer are the ask's.
    const seqAfter = Object.fromEntries(path.steps.map((step) => [step.nodeId, step.seq]));
    const textsUpTo = (seq: number | null | undefined) => path.messages.filter((message) => message.seq <= (seq ?? -1)).map((message) => message.text);
    expect(textsUpTo(seqAfter.start)).toEqual([]);
    expect(textsUpTo(seqAfter.ask)).toEqual(["Which order?", "A-17"]);
    expect(textsUpTo(seqAfter.lookup).at(-1)).toContain("failed");
    expect(textsUpTo(seqAfter.sorry).at(-1)).toBe("Sorry, I cannot look up order A-17 now.");
    expect(received).toEqual(["/orders/A-17"]);

    // An analyst sees the steps and timings, never what was said or the variables.
    const analystView = await analyst.conversations.path.query({ conversationId: started.conversationId });
    expect(analystView.steps.map((step) => step.nodeId)).toEqual(path.steps.map((step) => step.nodeId));
    expect(analystView.messages).toEqual([]);
    expect(analystView.steps.every((step) => step.variables === null)).toBe(true);

    // Re-run from the lookup: a test conversation that starts there, with the order it had.
    const rerun = await api.simulator.rerun.mutate({ conversationId: started.conversationId, nodeRunId: lookup.id });
    expect(rerun.replies.map((reply) => reply.text)).toEqual(["Sorry, I cannot look up order A-17 now."]);
    expect(received).toEqual(["/orders/A-17", "/orders/A-17"]);
    const trace = await api.simulator.trace.query({ conversationId: rerun.conversationId });
    expect(trace.steps.map((step) => step.nodeId)).toEqual(["lookup", "sorry", "end"]);
    expect(trace.steps[0]!.detail).toMatchObject({ input: { url: `${ordersBase}/orders/A-17` }, output: { ok: false, status: 500 } });
    const test = await database.db.conversation.findUniqueOrThrow({ where: { id: rerun.conversationId } });
    expect(test).toMatchObject({ test: true, flowVersionId: (await database.db.conversation.findUniqueOrThrow({ where: { id: started.conversationId } })).flowVersionId });
  });

  it("is not found for another conversation id, and a step of another conversation cannot be re-run", async () => {
    const missing = await api.conversations.path.query({ conversationId: "no-such-conversation" }).catch((err: unknown) => err);
    expect((missing as { data?: { code?: string } }).data?.code).toBe("NOT_FOUND");
    const real = await api.conversations.start.mutate({ flowId: database.seed.flowId });
    const refused = await api.simulator.rerun.mutate({ conversationId: real.conversationId, nodeRunId: "elsewhere-n1" }).catch((err: unknown) => err);
    expect((refused as { data?: { code?: string } }).data?.code).toBe("NOT_FOUND");
  });
});
