import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { appRouter, createCallerFactory } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// Per-node analytics of a flow from real conversations (real Temporal dev server, worker and
// database): an order lookup that succeeds for order 1 and gets a 500 for any other, a customer who
// never answers, a test conversation that must not count, and a second published version.
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let orders: Server;
let ordersBase: string;
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;
let agent: ReturnType<typeof createCaller>;

beforeAll(async () => {
  orders = createServer((req, res) => {
    const found = req.url === "/orders/1";
    res.writeHead(found ? 200 : 500, { "content-type": "application/json" });
    res.end(JSON.stringify(found ? { status: "shipped" } : { error: "the order service is down" }));
  });
  await new Promise<void>((resolve) => orders.listen(0, "127.0.0.1", resolve));
  ordersBase = `http://127.0.0.1:${(orders.address() as AddressInfo).port}`;
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("flow-analytics-test");
  worker = await createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"] },
  });
  running = worker.run();
  const services = testServices(database, env.client, taskQueue);
  api = createCaller(asPerson(services, database));
  agent = createCaller(asPerson(services, database, "agent"));
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
  await new Promise((resolve) => orders?.close(resolve));
});

function orderFlow(thanks: string): FlowGraph {
  const nodes: Omit<FlowGraph["nodes"][number], "position">[] = [
    { id: "start", kind: "start", config: {} },
    { id: "ask", kind: "ask", config: { question: "Which order?", variable: "order" } },
    { id: "lookup", kind: "http_request", config: { url: `${ordersBase}/orders/{{order}}`, responseMapping: "order_status = body.status" } },
    { id: "tell", kind: "message", config: { text: `Order {{order}} is {{order_status}}. ${thanks}` } },
    { id: "sorry", kind: "message", config: { text: "Sorry, I cannot look up order {{order}} now." } },
    { id: "end", kind: "end", config: { status: "resolved" } },
  ];
  const edges: [string, string, string][] = [
    ["start", "next", "ask"],
    ["ask", "answered", "lookup"],
    ["lookup", "success", "tell"],
    ["lookup", "error", "sorry"],
    ["tell", "next", "end"],
    ["sorry", "next", "end"],
  ];
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node, index) => ({ ...node, position: { x: 0, y: index * 120 } })) as FlowGraph["nodes"],
    edges: edges.map(([source, sourcePort, target]) => ({ id: `${source}-${sourcePort}`, source, sourcePort, target })),
  };
}

/** A customer who opens the flow and answers `order`, or never answers. */
async function converse(flowId: string, order: string | null) {
  const { conversationId } = await api.conversations.start({ flowId });
  if (order !== null) await api.conversations.send({ conversationId, text: order });
  return conversationId;
}

let flowId: string;
let firstVersionId: string;
let secondVersionId: string;
let startedAt: string;

beforeAll(async () => {
  const graph = asJson(orderFlow("Thanks!"));
  const flow = await database.db.flow.create({
    data: {
      workspaceId: database.seed.workspaceId,
      name: "Orders analytics",
      versions: {
        create: [
          { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph, published: true, publishedAt: new Date() },
          { version: 2, schemaVersion: FLOW_SCHEMA_VERSION, graph, published: false },
        ],
      },
    },
    include: { versions: true },
  });
  flowId = flow.id;
  firstVersionId = flow.versions.find((version) => version.version === 1)!.id;
  startedAt = new Date(Date.now() - 1000).toISOString();
  await Promise.all([converse(flowId, "1"), converse(flowId, "2"), converse(flowId, "1"), converse(flowId, null)]);
  // A conversation flagged as a test (as the simulator's are) never counts.
  const test = await converse(flowId, "3");
  await database.db.conversation.update({ where: { id: test }, data: { test: true } });
  await api.flows.saveDraft({ id: flowId, graph: orderFlow("Bye!") });
  await api.flows.publish({ id: flowId, note: "new thanks" });
  secondVersionId = (await api.flows.get({ id: flowId })).versions.find((version) => version.version === 2)!.id;
  await converse(flowId, "2");
});

describe("flowAnalytics.nodes", () => {
  it("counts visits, exits, errors and edge traffic of one version's real conversations", async () => {
    const figures = await api.flowAnalytics.nodes({ flowId, versionId: firstVersionId });
    expect(figures.conversations).toBe(4);
    const byNode = Object.fromEntries(figures.nodes.map(({ nodeId, visits, conversations, exits, errors }) => [nodeId, { visits, conversations, exits, errors }]));
    expect(byNode).toEqual({
      start: { visits: 4, conversations: 4, exits: 0, errors: 0 },
      // The customer who never answered left the flow here.
      ask: { visits: 4, conversations: 4, exits: 1, errors: 0 },
      lookup: { visits: 3, conversations: 3, exits: 0, errors: 1 },
      tell: { visits: 2, conversations: 2, exits: 0, errors: 0 },
      sorry: { visits: 1, conversations: 1, exits: 0, errors: 0 },
      end: { visits: 3, conversations: 3, exits: 3, errors: 0 },
    });
    const edges = Object.fromEntries(figures.edges.map((edge) => [`${edge.source}:${edge.port}>${edge.target}`, edge.count]));
    expect(edges).toEqual({
      "start:next>ask": 4,
      "ask:answered>lookup": 3,
      "lookup:success>tell": 2,
      "lookup:error>sorry": 1,
      "tell:next>end": 2,
      "sorry:next>end": 1,
    });
    const lookup = figures.nodes.find((node) => node.nodeId === "lookup")!;
    expect(lookup.p50Ms).not.toBeNull();
    expect(lookup.p95Ms!).toBeGreaterThanOrEqual(lookup.p50Ms!);
    expect(figures.versions.map((version) => version.version)).toEqual([2, 1]);
  });

  it("adds every published version's conversations without a version, and filters by start time", async () => {
    const all = await api.flowAnalytics.nodes({ flowId });
    expect(all.conversations).toBe(5);
    expect(all.nodes.find((node) => node.nodeId === "sorry")!.visits).toBe(2);
    const second = await api.flowAnalytics.nodes({ flowId, versionId: secondVersionId });
    expect(second.nodes.map((node) => [node.nodeId, node.visits, node.errors])).toEqual(
      expect.arrayContaining([["lookup", 1, 1], ["end", 1, 0]]),
    );
    const before = await api.flowAnalytics.nodes({ flowId, to: startedAt });
    expect(before).toMatchObject({ conversations: 0, nodes: [], edges: [] });
    const since = await api.flowAnalytics.nodes({ flowId, from: startedAt });
    expect(since.conversations).toBe(5);
  });

  it("refuses a draft version and agents, who read no reports", async () => {
    const { draft } = await api.flows.get({ id: flowId });
    await expect(api.flowAnalytics.nodes({ flowId, versionId: draft.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const refusal = await agent.flowAnalytics.nodes({ flowId }).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(TRPCError);
    expect((refusal as TRPCError).code).toBe("FORBIDDEN");
  });
});
