import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { customerMessageUpdate } from "../src";
import { graph, type NodeSpec } from "./support/graph";
import { conversationHarness } from "./support/harness";

// Registered before the API server's hooks, so the worker is up before it and stops after it.
// The "API" below is a loopback server: the SSRF guard refuses loopback unless allowed.
const harness = conversationHarness({ taskQueuePrefix: "integrations-test", worker: { activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"] } } });

/** A real local HTTP server: the "API" the HTTP request node calls. */
let api: Server;
let apiBase: string;
const received: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];
/** Responses held open by /slow, closed at the end. */
const hanging: ServerResponse[] = [];

function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  received.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
  if (req.url?.startsWith("/orders/")) {
    res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-42" });
    res.end(JSON.stringify({ order: { status: "shipped", total: 31.5 }, items: [{ id: "sku-7" }, { id: "sku-9" }] }));
  } else if (req.url === "/broken") {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end("database down");
  } else if (req.url === "/slow") {
    hanging.push(res); // never answers
  } else {
    res.writeHead(404).end();
  }
}

beforeAll(async () => {
  api = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => handle(req, res, body));
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await new Promise((resolve) => api?.close(resolve));
});

/** Publishes `flowGraph` as a new flow, or as the next version of `flowId`. */
async function publish(flowGraph: FlowGraph, flowId?: string): Promise<{ flowId: string; versionId: string }> {
  if (!flowId) return harness.publishFlow(flowGraph);
  const { db } = harness.database;
  const count = await db.flowVersion.count({ where: { flowId } });
  const version = await db.flowVersion.create({
    data: { flowId, version: count + 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(flowGraph), published: true },
  });
  return { flowId, versionId: version.id };
}

const start = (variables = ""): NodeSpec => ({ id: "start", kind: "start", config: { variables } });
const say = (id: string, text: string): NodeSpec => ({ id, kind: "message", config: { text } });
const end: NodeSpec = { id: "end", kind: "end", config: {} };

/** start → call → ok / failed message → end. */
function around(call: NodeSpec, ok: string, failed: string, ports: [string, string], variables = ""): FlowGraph {
  return graph(
    [start(variables), call, say("ok", ok), say("failed", failed), end],
    [
      ["start", "next", call.id],
      [call.id, ports[0], "ok"],
      [call.id, ports[1], "failed"],
      ["ok", "next", "end"],
      ["failed", "next", "end"],
    ],
  );
}

describe("http_request", () => {
  const http = (config: Record<string, unknown>): NodeSpec => ({ id: "call", kind: "http_request", config });

  it("sends the filled-in request and maps the JSON response into variables (success)", async () => {
    const { opening, handle } = await harness.run(
      around(
        http({
          url: `${apiBase}/orders/{{order_id}}?lang=en`,
          headers: "Authorization: Bearer {{token}}",
          responseMapping: "order_status = body.order.status\nfirst_item = body.items[0].id\nrequest_id = headers.x-request-id\ncode = status\nitems = body.items",
        }),
        "{{order_status}} / {{first_item}} / {{request_id}} / {{code}}",
        "failed: {{http_error}}",
        ["success", "error"],
        'order_id = "A/17"\ntoken = "t0k"',
      ),
    );
    expect(opening.replies.map((reply) => reply.text)).toEqual(["shipped / sku-7 / req-42 / 200"]);
    const request = received.find((entry) => entry.url.startsWith("/orders/"))!;
    expect(request).toMatchObject({ method: "GET", url: "/orders/A%2F17?lang=en" });
    expect(request.headers.authorization).toBe("Bearer t0k");
    const { variables } = await handle.result();
    expect(variables).toMatchObject({ http_status: 200, http_error: "", items: '[{"id":"sku-7"},{"id":"sku-9"}]' });
  });

  it("takes the error exit on HTTP 500, with the status and an error text", async () => {
    const { opening, handle } = await harness.run(
      around(http({ method: "POST", url: `${apiBase}/broken`, body: '{"note": "{{last_message}}"}' }), "ok", "failed: {{http_error}}", ["success", "error"]),
    );
    expect(opening.replies.map((reply) => reply.text)).toEqual(["failed: HTTP 500 Internal Server Error"]);
    expect((await handle.result()).variables).toMatchObject({ http_status: 500, http_error: "HTTP 500 Internal Server Error" });
    const request = received.find((entry) => entry.url === "/broken")!;
    expect(request).toMatchObject({ method: "POST", body: '{"note": ""}' });
    expect(request.headers["content-type"]).toBe("application/json");
  });

  it("takes the error exit when the API does not answer in time", async () => {
    const { opening, handle } = await harness.run(
      around(http({ url: `${apiBase}/slow`, timeoutSeconds: 1 }), "ok", "failed: {{http_error}}", ["success", "error"]),
    );
    expect(opening.replies.map((reply) => reply.text)).toEqual(["failed: no response within 1 s"]);
    expect((await handle.result()).variables).toMatchObject({ http_status: null });
  });

  it("takes the error exit, without retrying, when the SSRF guard refuses the address", async () => {
    const { opening } = await harness.run(
      around(http({ url: "http://169.254.169.254/latest/meta-data/" }), "ok", "failed: {{http_error}}", ["success", "error"]),
    );
    expect(opening.replies.map((reply) => reply.text)).toEqual([expect.stringMatching(/^failed: 169\.254\.169\.254 is a cloud metadata address/)]);
    // Every request of a node run carries its idempotency key.
    expect(received.at(-1)?.headers["idempotency-key"]).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("custom_activity", () => {
  const activity = (config: Record<string, unknown>): NodeSpec => ({ id: "call", kind: "custom_activity", config });

  it("runs a registered activity by name with mapped input and output (success)", async () => {
    const { id, opening } = await harness.run(
      around(
        activity({ activity: "calculateShippingCost", input: "weightKg = number(weight)\ncountry = dest\nexpress = true", output: "price = cost\neta = days" }),
        "{{price}} EUR in {{eta}} days",
        "failed: {{activity_error}}",
        ["success", "error"],
        'weight = "2.4"\ndest = "fr"',
      ),
    );
    // FR is in the EU zone: (9.90 + 1.20 × 3 kg) × 2 for express, 2 days instead of 4.
    expect(opening.replies.map((reply) => reply.text)).toEqual(["27 EUR in 2 days"]);
    const history = await harness.client.workflow.getHandle(id).fetchHistory();
    const types = history.events!.flatMap((event) => event.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
    expect(types).toContain("calculateShippingCost");
  });

  it("takes the error exit when the input does not match the activity's schema, without retrying", async () => {
    const { id, opening } = await harness.run(
      around(activity({ activity: "calculateShippingCost", input: 'weightKg = "heavy"\ncountry = "DE"' }), "ok", "failed: {{activity_error}}", ["success", "error"]),
    );
    expect(opening.replies).toHaveLength(1);
    expect(opening.replies[0]!.text).toMatch(/^failed: calculateShippingCost: invalid input \(.*weightKg/s);
    const history = await harness.client.workflow.getHandle(id).fetchHistory();
    const attempts = history.events!.filter((event) => event.activityTaskStartedEventAttributes).map((event) => event.activityTaskStartedEventAttributes!.attempt);
    expect(attempts).toEqual([1]);
  });
});

describe("subflow", () => {
  /** A subflow that asks for an order number and reports a status; its end returns to the caller. */
  const orderLookup = (version: string) =>
    graph(
      [
        start('greeting = "Hi"'),
        { id: "ask", kind: "ask", config: { question: "{{greeting}}! Your order number? ({{version}})", variable: "order" } },
        { id: "set", kind: "set_variable", config: { assignments: `status = "order " + order + " shipped"\nversion = "${version}"` } },
        { id: "end", kind: "end", config: { status: "closed", message: "Done with {{order}}." } },
      ],
      [
        ["start", "next", "ask"],
        ["ask", "answered", "set"],
        ["ask", "invalid", "end"],
        ["ask", "timeout", "end"],
        ["set", "next", "end"],
      ],
    );

  it("runs the published flow in the same conversation, with its own variables, and returns at its end", async () => {
    const child = await publish(orderLookup("v1"));
    const { id, opening, handle } = await harness.run(
      around(
        { id: "lookup", kind: "subflow", config: { flowId: child.flowId, inputs: 'greeting = "Hello " + name\nversion = "in"', outputs: "order_status = status" } },
        "Back in the main flow: {{order_status}} ({{order}})",
        "failed",
        ["done", "failed"],
        'name = "Ann"',
      ),
    );
    expect(opening.replies.map((reply) => reply.text)).toEqual(["Hello Ann! Your order number? (in)"]);
    const turn = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "A-17" }] });
    // The subflow's end says its closing words and returns; its variables stay its own.
    expect(turn.replies.map((reply) => reply.text)).toEqual(["Done with A-17.", "Back in the main flow: order A-17 shipped ()"]);
    const outcome = await handle.result();
    expect(outcome.status).toBe("resolved");
    expect(outcome.variables).toMatchObject({ name: "Ann", order_status: "order A-17 shipped", last_message: "A-17" });
    expect(outcome.variables).not.toHaveProperty("order");
    const runs = await harness.database.db.nodeRun.findMany({ where: { conversationId: id }, orderBy: { startedAt: "asc" } });
    expect(runs.map((r) => [r.nodeId, r.outcome])).toEqual(
      expect.arrayContaining([
        ["lookup", "done"],
        ["lookup/ask", "answered"],
        ["lookup/end", "end:closed"],
      ]),
    );
  });

  it("pins the subflow's version at first use: a version published meanwhile is not picked up", async () => {
    const child = await publish(orderLookup("v1"));
    const call = (id: string): NodeSpec => ({ id, kind: "subflow", config: { flowId: child.flowId, inputs: "", outputs: "v = version" } });
    const { opening, handle } = await harness.run(
      graph(
        [start(), call("first"), say("between", "first ran {{v}}"), call("second"), say("after", "second ran {{v}}"), end],
        [
          ["start", "next", "first"],
          ["first", "done", "between"],
          ["first", "failed", "end"],
          ["between", "next", "second"],
          ["second", "done", "after"],
          ["second", "failed", "end"],
          ["after", "next", "end"],
        ],
      ),
    );
    expect(opening.replies.map((reply) => reply.text)).toEqual(["Hi! Your order number? ()"]);
    await publish(orderLookup("v2"), child.flowId);
    const first = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "1" }] });
    expect(first.replies.map((reply) => reply.text)).toEqual(["Done with 1.", "first ran v1", "Hi! Your order number? ()"]);
    const second = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "2" }] });
    expect(second.replies.map((reply) => reply.text)).toEqual(["Done with 2.", "second ran v1"]);
    expect((await handle.result()).status).toBe("resolved");
  });

  it("takes the failed exit when the flow has no published version", async () => {
    const draft = await harness.database.db.flow.create({
      data: { workspaceId: harness.database.seed.workspaceId, name: `draft ${randomUUID()}`, versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(orderLookup("x")) } } },
    });
    const { opening, handle } = await harness.run(
      around({ id: "lookup", kind: "subflow", config: { flowId: draft.id } }, "ok", "failed", ["done", "failed"]),
    );
    expect(opening.replies.map((reply) => reply.text)).toEqual(["failed"]);
    expect((await handle.result()).status).toBe("resolved");
    const notes = await harness.database.db.message.findMany({ where: { author: "system", text: { contains: "has no published version" } } });
    expect(notes.length).toBeGreaterThan(0);
  });
});
