import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCustomActivity, describeCustomActivity } from "@parley/activities/custom";
import { validateFlow } from "@parley/flow";
import { rawHistory, scanHistory, utf8 } from "../../../test/support/history";
import { line, serverStack } from "./support/stack";

/**
 * Workspace secrets end to end on a real Temporal server: set through the API (write-only,
 * audited), used by an HTTP request node as {{secrets.NAME}}, received by a loopback server; the
 * value is never in the workflow history (raw or decoded), the database's conversation rows, the
 * audit log or any API answer.
 */
const TOKEN = "sk-live-7f3c9a1e-SECRET-VALUE-4b2d";

/** A developer's activity that gets a secret: it records the key it was given, and carelessly returns it. */
const seen: { apiKey: string; email: string }[] = [];
const lookUpCustomer = defineCustomActivity({
  name: "lookUpCustomer",
  description: "Test: calls a CRM with an API key.",
  input: z.object({ apiKey: z.string(), email: z.string() }),
  output: z.object({ tier: z.string(), debug: z.string() }),
  run: ({ apiKey, email }) => {
    seen.push({ apiKey, email });
    return { tier: email.endsWith("@vip.example") ? "gold" : "basic", debug: `called with ${apiKey}` };
  },
});

const stack = serverStack("secrets-test", { customActivities: [lookUpCustomer] });
const REGION = "eu central/1";

let api: Server;
let apiBase: string;
const received: { url: string; headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  api = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ url: req.url ?? "", headers: req.headers, body });
      // A careless API that echoes the credential back: the flow maps it into a variable.
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "shipped", echo: req.headers.authorization }));
    });
  });
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => api?.close(resolve));
});

/** start → HTTP request (secrets in URL, header and body) → message with the mapped values → end. */
function orderFlow() {
  return line([
    { id: "start", kind: "start", config: {} },
    {
      id: "call",
      kind: "http_request",
      config: {
        method: "POST",
        url: `${apiBase}/{{secrets.REGION}}/orders`,
        headers: "Authorization: Bearer {{secrets.CRM_TOKEN}}",
        body: '{"token": "{{secrets.CRM_TOKEN}}", "customer": "{{last_message}}"}',
        responseMapping: "order_status = body.status\necho = body.echo",
      },
      ports: ["success", "error"],
    },
    { id: "say", kind: "message", config: { text: "Order {{order_status}} ({{echo}}) {{http_error}}" } },
    { id: "end", kind: "end", config: { status: "closed" } },
  ]);
}

describe("workspace secrets", () => {
  it("are write-only through the API, audited by name, and refuse bad names and sizes", async () => {
    const owner = stack.as("owner");
    await owner.secrets.set({ name: "CRM_TOKEN", value: "first value" });
    await owner.secrets.set({ name: "CRM_TOKEN", value: TOKEN });
    await owner.secrets.set({ name: "REGION", value: REGION });
    await owner.secrets.set({ name: "UNUSED", value: "gone soon" });
    await owner.secrets.delete({ name: "UNUSED" });

    const list = await owner.secrets.list();
    expect(list.map((s) => s.name)).toEqual(["CRM_TOKEN", "REGION"]);
    expect(JSON.stringify(list)).not.toContain(TOKEN);
    const stored = await stack.database.db.secret.findFirstOrThrow({ where: { name: "CRM_TOKEN" } });
    expect(Buffer.from(stored.data).toString("utf8")).not.toContain(TOKEN);

    const actions = (await stack.database.db.auditEvent.findMany({ where: { action: { startsWith: "secret." } }, orderBy: { at: "asc" } })).map((e) => [e.action, (e.details as { name: string }).name]);
    expect(actions).toEqual([
      ["secret.create", "CRM_TOKEN"],
      ["secret.update", "CRM_TOKEN"],
      ["secret.create", "REGION"],
      ["secret.create", "UNUSED"],
      ["secret.delete", "UNUSED"],
    ]);
    expect(JSON.stringify(await stack.database.db.auditEvent.findMany())).not.toContain(TOKEN);

    for (const name of ["lower", "1ST", "WITH-DASH", "A".repeat(65), ""]) {
      await expect(owner.secrets.set({ name, value: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(owner.secrets.set({ name: "BIG", value: "x".repeat(4097) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.secrets.set({ name: "EMPTY", value: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(owner.secrets.delete({ name: "NEVER_SET" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const role of ["supervisor", "agent", "analyst"] as const) {
      await expect(stack.as(role).secrets.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(stack.as(role).secrets.set({ name: "CRM_TOKEN", value: "stolen" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("reach the HTTP request node's API filled in, and never enter history, rows or answers", { timeout: 120_000 }, async () => {
    const owner = stack.as("owner");
    const { id: flowId } = await owner.flows.create({ name: "Order status with a secret" });
    const saved = await owner.flows.saveDraft({ id: flowId, graph: orderFlow() });
    expect(saved.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    await owner.flows.publish({ id: flowId });

    const before = received.length;
    const { conversationId, replies } = await owner.conversations.start({ flowId });
    const request = received[before]!;
    expect(request.url).toBe(`/${encodeURIComponent(REGION)}/orders`);
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(request.body)).toMatchObject({ token: TOKEN });
    // The echoed credential came back redacted: the customer sees the reference, not the value.
    expect(replies.map((r) => r.text)).toEqual(["Order shipped (Bearer {{secrets.CRM_TOKEN}}) "]);

    // The workflow history, as Temporal stores it (encrypted payloads) and decoded by the codec.
    const events = await rawHistory(stack.client, conversationId);
    expect(events.length).toBeGreaterThan(0);
    const { payloads, blobs } = scanHistory(events);
    for (const blob of blobs) expect(blob.includes(TOKEN)).toBe(false);
    const decoded = await stack.codec.decode(payloads.map((p) => ({ metadata: p.metadata, data: p.data })));
    const plain = decoded.map((p) => utf8(p.data ?? undefined)).join("\n");
    expect(plain).toContain("secret:CRM_TOKEN"); // the reference is there, so this looked in the right place
    expect(plain).not.toContain(TOKEN);
    expect(plain).not.toContain(REGION);
    expect(plain).not.toContain(encodeURIComponent(REGION));

    // The database's conversation rows and the API's answers.
    const { db } = stack.database;
    const rows = JSON.stringify([
      await db.conversation.findUnique({ where: { id: conversationId } }),
      await db.message.findMany({ where: { conversationId } }),
      await db.nodeRun.findMany({ where: { conversationId } }),
    ]);
    expect(rows).toContain("order_status");
    expect(rows).not.toContain(TOKEN);
    const answers = JSON.stringify([await owner.flows.get({ id: flowId }), await owner.conversations.get({ id: conversationId })]);
    expect(answers).toContain("{{secrets.CRM_TOKEN}}");
    expect(answers).not.toContain(TOKEN);
  });

  it("reach a custom activity's input as a whole field, and its output comes back redacted", async () => {
    const owner = stack.as("owner");
    const graph = line([
      { id: "start", kind: "start", config: {} },
      { id: "ask", kind: "ask", config: { question: "Your email?", variable: "email" }, port: "answered" },
      {
        id: "crm",
        kind: "custom_activity",
        config: { activity: "lookUpCustomer", input: "apiKey = {{secrets.CRM_TOKEN}}\nemail = email", output: "tier = tier\ndebug = debug" },
        ports: ["success", "error"],
      },
      { id: "say", kind: "message", config: { text: "Tier {{tier}}; {{debug}} {{activity_error}}" } },
      { id: "end", kind: "end", config: { status: "closed" } },
    ]);
    // The API's catalog does not know this test's activity, so it is published directly.
    const validation = validateFlow(graph, { customActivities: [describeCustomActivity(lookUpCustomer)] });
    expect(validation.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    const { flowId } = await stack.publish(graph);

    const { conversationId } = await owner.conversations.start({ flowId });
    // A customer who types a reference gets it as text: only the flow's author can name a secret.
    const turn = await owner.conversations.send({ conversationId, text: "ann@example.com {{secrets.CRM_TOKEN}}" });
    expect(seen).toEqual([{ apiKey: TOKEN, email: "ann@example.com {{secrets.CRM_TOKEN}}" }]);
    expect(turn.replies.map((r) => r.text)).toEqual(["Tier basic; called with {{secrets.CRM_TOKEN}} "]);

    const { payloads, blobs } = scanHistory(await rawHistory(stack.client, conversationId));
    for (const blob of blobs) expect(blob.includes(TOKEN)).toBe(false);
    const plain = (await stack.codec.decode(payloads.map((p) => ({ metadata: p.metadata, data: p.data })))).map((p) => utf8(p.data ?? undefined)).join("\n");
    expect(plain).toContain("secret:CRM_TOKEN");
    expect(plain).not.toContain(TOKEN);
    expect(JSON.stringify(await stack.database.db.message.findMany({ where: { conversationId } }))).not.toContain(TOKEN);
  });

  it("a missing secret takes the error exit, naming it", async () => {
    const owner = stack.as("owner");
    await owner.secrets.delete({ name: "REGION" });
    const { id: flowId } = await owner.flows.create({ name: "Missing secret" });
    await owner.flows.saveDraft({ id: flowId, graph: orderFlow() });
    await owner.flows.publish({ id: flowId });
    const before = received.length;
    const { replies } = await owner.conversations.start({ flowId });
    expect(received.length).toBe(before);
    expect(replies.map((r) => r.text)).toEqual(["Order  () no workspace secret named REGION"]);
  });

  it("validation refuses a secret outside an HTTP request", async () => {
    const owner = stack.as("owner");
    const { id: flowId } = await owner.flows.create({ name: "Leaky" });
    const graph = line([
      { id: "start", kind: "start", config: {} },
      { id: "say", kind: "message", config: { text: "The token is {{secrets.CRM_TOKEN}}" } },
      { id: "end", kind: "end", config: { status: "closed" } },
    ]);
    const saved = await owner.flows.saveDraft({ id: flowId, graph });
    expect(saved.issues).toEqual([expect.objectContaining({ code: "secret.not_allowed", nodeId: "say", severity: "error" })]);
    await expect(owner.flows.publish({ id: flowId })).rejects.toMatchObject({ code: expect.stringMatching(/BAD_REQUEST|PRECONDITION_FAILED|UNPROCESSABLE_CONTENT/) });
  });
});
