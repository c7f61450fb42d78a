import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import type { AppRouter } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// The flow editor's simulator over HTTP: a draft runs as a real conversation workflow in test
// mode (real Temporal dev server, worker and database), a one-hour wait is skipped, one HTTP
// step is answered from a canned response and another calls a real loopback server, which
// shows the canned one would have reached it too had it not been canned.
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let api: ReturnType<typeof testClient>;
let orders: Server;
let ordersBase: string;
const received: string[] = [];

beforeAll(async () => {
  orders = createServer((req: IncomingMessage, res) => {
    received.push(req.url ?? "");
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ order: { status: "from the real server" } }));
  });
  await new Promise<void>((resolve) => orders.listen(0, "127.0.0.1", resolve));
  ordersBase = `http://127.0.0.1:${(orders.address() as AddressInfo).port}`;
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("simulator-test");
  // The SSRF guard refuses loopback unless allowed: allowed here, so only canning keeps a request in.
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
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
  await new Promise((resolve) => orders?.close(resolve));
});

/** start → greet → ask the order → wait an hour → look it up (canned) → check it live → tell → end. */
function draftGraph(greeting: string): FlowGraph {
  const nodes: Omit<FlowGraph["nodes"][number], "position">[] = [
    { id: "start", kind: "start", config: {} },
    { id: "greet", kind: "message", config: { text: greeting } },
    { id: "ask", kind: "ask", config: { question: "Which order?", variable: "order" } },
    { id: "hold", kind: "wait", config: { mode: "delay", minutes: 60 } },
    { id: "lookup", kind: "http_request", config: { url: `${ordersBase}/orders/{{order}}`, responseMapping: "order_status = body.order.status" } },
    { id: "live", kind: "http_request", config: { url: `${ordersBase}/live`, statusVariable: "live_status", errorVariable: "live_error" } },
    { id: "tell", kind: "message", config: { text: "Order {{order}} is {{order_status}} (live check {{live_status}})" } },
    { id: "sorry", kind: "message", config: { text: "Sorry, that went wrong." } },
    { id: "end", kind: "end", config: { status: "resolved" } },
  ];
  const path = ["start", "greet", "ask", "hold", "lookup", "live", "tell", "end"];
  const ports: Record<string, string> = { ask: "answered", lookup: "success", live: "success" };
  // Every other exit leads to an apology (the validator wants every output connected).
  const detours: [string, string][] = [["ask", "invalid"], ["ask", "timeout"], ["lookup", "error"], ["live", "error"]];
  const edges = [
    ...path.slice(0, -1).map((source, i): [string, string, string] => [source, ports[source] ?? "next", path[i + 1]!]),
    ...detours.map(([source, port]): [string, string, string] => [source, port, "sorry"]),
    ["sorry", "next", "end"] as [string, string, string],
  ];
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 0, y: i * 150 } })),
    edges: edges.map(([source, sourcePort, target], i) => ({ id: `e${i}`, source, sourcePort, target })),
  };
}

describe("simulator", () => {
  it("runs the frozen draft, skips the wait, answers the canned step without a request and stays out of the inbox", async () => {
    const flow = await api.flows.create.mutate({ name: "Simulated orders" });
    await api.flows.saveDraft.mutate({ id: flow.id, graph: draftGraph("Hello from the draft") });
    const countsBefore = await api.conversations.counts.query();

    const started = await api.simulator.start.mutate({
      flowId: flow.id,
      canned: { lookup: { status: 200, body: { order: { status: "shipped" } } } },
    });
    expect(started.replies.map((reply) => reply.text)).toEqual(["Hello from the draft", "Which order?"]);
    // Later edits do not reach the running test: it runs the draft as it was at its start.
    await api.flows.saveDraft.mutate({ id: flow.id, graph: draftGraph("Hello from a later edit") });

    // The answer reaches the hour-long wait; the flow is idle there until the skip.
    const answered = await api.conversations.send.mutate({ conversationId: started.conversationId, text: "A-17" });
    expect(answered.status).toBe("active");
    const waiting = await api.simulator.trace.query({ conversationId: started.conversationId });
    expect(waiting.steps.at(-1)).toMatchObject({ nodeId: "hold", outcome: null });

    await api.simulator.skip.mutate({ conversationId: started.conversationId });
    const outcome = await env.client.workflow.getHandle(started.conversationId).result();
    expect(outcome.status).toBe("resolved");
    expect(outcome.variables).toMatchObject({ order: "A-17", order_status: "shipped", live_status: 200 });

    // Only the step that was not canned reached the server.
    expect(received).toEqual(["/live"]);

    const trace = await api.simulator.trace.query({ conversationId: started.conversationId });
    expect(trace.status).toBe("resolved");
    expect(trace.steps.map((step) => [step.nodeId, step.outcome])).toEqual([
      ["start", "next"],
      ["greet", "next"],
      ["ask", "answered"],
      ["hold", "next"],
      ["lookup", "success"],
      ["live", "success"],
      ["tell", "next"],
      ["end", "end:resolved"],
    ]);
    const lookup = trace.steps.find((step) => step.nodeId === "lookup")!;
    expect(lookup.detail).toMatchObject({
      canned: true,
      input: { method: "GET", url: `${ordersBase}/orders/A-17` },
      output: { ok: true, status: 200, values: { order_status: "shipped" } },
      variables: { order: "A-17", order_status: "shipped" },
    });
    expect(trace.steps.find((step) => step.nodeId === "live")!.detail).toMatchObject({ canned: false, output: { ok: true, status: 200 } });
    expect(trace.steps.find((step) => step.nodeId === "ask")!.detail?.variables).toMatchObject({ order: "A-17" });

    const transcript = await api.conversations.messagesSince.query({ conversationId: started.conversationId, afterSeq: 0 });
    expect(transcript.messages.at(-1)?.text).toBe("Order A-17 is shipped (live check 200)");

    // Nowhere in the inbox: not listed, not counted, not readable there, no contact in the list.
    const list = await api.conversations.list.query({ limit: 200 });
    expect(list.map((conversation) => conversation.id)).not.toContain(started.conversationId);
    expect(await api.conversations.counts.query()).toEqual(countsBefore);
    const read = await api.conversations.get.query({ id: started.conversationId }).catch((err: unknown) => err);
    expect((read as TRPCClientError<AppRouter>).data?.code).toBe("NOT_FOUND");
    const contacts = await api.contacts.list.query({});
    expect(contacts.contacts.map((contact) => contact.name)).not.toContain("Test contact");
  });

  it("works only on test conversations, and stops one on request", async () => {
    const flow = await api.flows.create.mutate({ name: "Simulated stop" });
    await api.flows.saveDraft.mutate({ id: flow.id, graph: draftGraph("Hi") });
    const started = await api.simulator.start.mutate({ flowId: flow.id });
    await api.simulator.stop.mutate({ conversationId: started.conversationId });
    const description = await env.client.workflow.getHandle(started.conversationId).describe();
    expect(description.status.name).toBe("TERMINATED");
    expect((await api.simulator.trace.query({ conversationId: started.conversationId })).status).toBe("closed");

    // A real conversation is never the simulator's to skip, stop or trace.
    const real = await api.conversations.start.mutate({ flowId: database.seed.flowId });
    const refused = await api.simulator.skip.mutate({ conversationId: real.conversationId }).catch((err: unknown) => err);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe("NOT_FOUND");
  });

  it("opens a call to the draft on the voice channel, only when its Start step takes calls", async () => {
    const flow = await api.flows.create.mutate({ name: "Simulated call" });
    await api.flows.saveDraft.mutate({ id: flow.id, graph: draftGraph("Hello caller") });
    const call = await api.simulator.start.mutate({ flowId: flow.id, channel: "voice" });
    expect(call.replies.map((reply) => reply.text)).toEqual(["Hello caller", "Which order?"]);
    // The voice gateway accepts only voice conversations: this one is, and stays a test.
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id: call.conversationId }, select: { channel: true, test: true } });
    expect(row).toEqual({ channel: "voice", test: true });
    await api.simulator.stop.mutate({ conversationId: call.conversationId });

    const typedOnly = draftGraph("Hi");
    typedOnly.nodes[0]!.config = { channels: "web" };
    await api.flows.saveDraft.mutate({ id: flow.id, graph: typedOnly });
    const refused = await api.simulator.start.mutate({ flowId: flow.id, channel: "voice" }).catch((err: unknown) => err);
    expect((refused as TRPCClientError<AppRouter>).data?.code).toBe("PRECONDITION_FAILED");
    expect((refused as Error).message).toMatch(/Start step does not take the voice channel/);
    expect((await api.simulator.start.mutate({ flowId: flow.id })).replies[0]?.text).toBe("Hi");
  });

  it("refuses a draft with errors", async () => {
    const flow = await api.flows.create.mutate({ name: "Simulated broken" });
    const broken = draftGraph("Hi");
    broken.edges = broken.edges.filter((edge) => edge.source !== "greet");
    await api.flows.saveDraft.mutate({ id: flow.id, graph: broken });
    const error = await api.simulator.start.mutate({ flowId: flow.id }).catch((err: unknown) => err);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe("PRECONDITION_FAILED");
  });
});
