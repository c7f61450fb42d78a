import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { appRouter, createCallerFactory } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/**
 * Renaming, duplicating and deleting flows on a real database, with conversations started on a
 * real Temporal server: a flow with a conversation still open cannot be deleted.
 */
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;
let outsider: ReturnType<typeof createCaller>;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("flows-management-test");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  const services = testServices(database, env.client, taskQueue);
  const context = asPerson(services, database);
  api = createCaller(context);
  // The owner of another workspace: workspace 1's flows do not exist for them.
  const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-flows" } });
  outsider = createCaller({ ...context, caller: { ...context.caller!, workspaceId: other.id } } as typeof context);
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return `${(error as { code?: string }).code}: ${(error as Error).message}`;
  }
}

/** start → ask "Order number?" → end (closed), with a sticky note beside the steps. */
const askingGraph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "ask", kind: "ask", position: { x: 0, y: 100 }, config: { question: "Order number?", variable: "order" } },
    { id: "end", kind: "end", position: { x: 0, y: 200 }, config: { status: "closed", message: "Thanks." } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "answered", target: "end" },
  ],
  notes: [{ id: "note_1", text: "Orders team owns this flow.", color: "blue", position: { x: 300, y: 0 }, size: { width: 200, height: 120 } }],
};

describe("rename", () => {
  it("renames and re-describes a flow, audited, and refuses blank names and names another flow reads as", async () => {
    const { id } = await api.flows.create({ name: "Returns" });
    await api.flows.create({ name: "Billing questions" });
    expect(await api.flows.rename({ id, name: "  Returns   and exchanges ", description: "For the shop." })).toEqual({
      id,
      name: "Returns and exchanges",
      description: "For the shop.",
    });
    const flow = await api.flows.get({ id });
    expect([flow.name, flow.description]).toEqual(["Returns and exchanges", "For the shop."]);
    // Keeping the name while changing the description is fine; the description stays when left out.
    await api.flows.rename({ id, name: "Returns and exchanges" });
    expect((await api.flows.get({ id })).description).toBe("For the shop.");

    expect(await code(api.flows.rename({ id, name: "   " }))).toMatch(/^BAD_REQUEST/);
    expect(await code(api.flows.rename({ id, name: "BILLING  Questions" }))).toBe(
      'CONFLICT: another flow is already called "Billing questions"; pick a name that tells them apart',
    );
    expect(await code(api.flows.rename({ id, name: "x".repeat(121) }))).toMatch(/^BAD_REQUEST/);
    // Creating a flow under a taken name is refused the same way.
    expect(await code(api.flows.create({ name: "billing QUESTIONS" }))).toMatch(/^CONFLICT: another flow is already called "Billing questions"/);

    const audit = await database.db.auditEvent.findMany({ where: { targetId: id, action: "flow.rename" }, orderBy: { at: "asc" } });
    expect(audit[0]!.details).toMatchObject({ from: "Returns", name: "Returns and exchanges", description: "For the shop." });
  });
});

describe("duplicate", () => {
  it("copies the draft (notes included) as a new unpublished flow named … (copy), then (copy 2)", async () => {
    const { id } = await api.flows.create({ name: "Orders", description: "Where is my order" });
    await api.flows.saveDraft({ id, graph: askingGraph });
    await api.flows.publish({ id });

    const first = await api.flows.duplicate({ id });
    expect(first.name).toBe("Orders (copy)");
    const copy = await api.flows.get({ id: first.id });
    expect(copy.description).toBe("Where is my order");
    expect(copy.published).toBeNull();
    expect(copy.draft.version).toBe(1);
    expect(copy.draft.graph.notes).toEqual(askingGraph.notes);
    expect(copy.draft.graph.nodes.map((node) => node.id)).toEqual(["start", "ask", "end"]);

    // A copy of the copy does not stack suffixes.
    expect((await api.flows.duplicate({ id: first.id })).name).toBe("Orders (copy 2)");
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { targetId: first.id, action: "flow.duplicate" } });
    expect(audit.details).toMatchObject({ from: id, fromName: "Orders", name: "Orders (copy)" });
  });
});

describe("delete", () => {
  it("refuses while a conversation is open, then hides the flow but keeps the finished conversation readable", async () => {
    const { id } = await api.flows.create({ name: "Doomed" });
    await api.flows.saveDraft({ id, graph: askingGraph });
    await api.flows.publish({ id });
    const started = await api.conversations.start({ flowId: id });
    expect(started.status).toBe("active");

    expect(await code(api.flows.delete({ id }))).toBe(
      'PRECONDITION_FAILED: "Doomed" has 1 conversation still open; resolve or close it before deleting the flow',
    );
    expect((await api.flows.list()).map((flow) => flow.id)).toContain(id);

    // The customer answers; the flow ends the conversation (closed).
    await api.conversations.send({ conversationId: started.conversationId, text: "4411" });
    await expect.poll(async () => (await database.db.conversation.findUniqueOrThrow({ where: { id: started.conversationId } })).status).toBe("closed");

    expect(await api.flows.delete({ id })).toEqual({ id });
    expect((await api.flows.list()).map((flow) => flow.id)).not.toContain(id);
    expect(await code(api.flows.get({ id }))).toMatch(/^NOT_FOUND/);
    expect(await code(api.flows.delete({ id }))).toMatch(/^NOT_FOUND/);
    expect(await code(api.flows.rename({ id, name: "Back" }))).toMatch(/^NOT_FOUND/);
    expect(await code(api.conversations.start({ flowId: id }))).toMatch(/^NOT_FOUND/);
    // Its name is free again.
    expect((await api.flows.create({ name: "Doomed" })).id).not.toBe(id);

    // The finished conversation's transcript is still there for the inbox.
    const conversation = await api.conversations.get({ id: started.conversationId });
    expect(conversation.messages.map((message) => message.text)).toEqual(["Order number?", "4411", "Thanks."]);

    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { targetId: id, action: "flow.delete" } });
    expect(audit.details).toMatchObject({ name: "Doomed" });
  });

  it("is NOT_FOUND for another workspace's flow, which stays untouched", async () => {
    const { id } = await api.flows.create({ name: "Mine" });
    expect(await code(outsider.flows.delete({ id }))).toMatch(/^NOT_FOUND/);
    expect(await code(outsider.flows.rename({ id, name: "Theirs" }))).toMatch(/^NOT_FOUND/);
    expect(await code(outsider.flows.duplicate({ id }))).toMatch(/^NOT_FOUND/);
    const flow = await database.db.flow.findUniqueOrThrow({ where: { id } });
    expect([flow.name, flow.deletedAt]).toEqual(["Mine", null]);
  });
});
