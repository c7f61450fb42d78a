import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { Client } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, nodeKinds, type FlowGraph } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { appRouter, createCallerFactory } from "../src";
import { openConversation, type PublishedFlow } from "../src/routers/conversation-start";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/** Starting conversations by channel and by a first message's trigger, on a real Temporal server. */

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let taskQueue: string;
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  taskQueue = uniqueTaskQueue("conversation-start-test");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  api = createCaller(asPerson(testServices(database, env.client, taskQueue), database));
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** start (channels, triggers) → ask "What is it about?" → end "<name>: {{topic}}". */
async function publish(name: string, start: { channels: string; triggers: string }, published = true) {
  const graph: FlowGraph = {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: start },
      { id: "ask", kind: "ask", position: { x: 0, y: 100 }, config: { question: "What is it about?", variable: "topic" } },
      { id: "end", kind: "end", position: { x: 0, y: 200 }, config: { status: "closed", message: `${name}: {{topic}}` } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "ask" },
      { id: "e2", source: "ask", sourcePort: "answered", target: "end" },
    ],
  };
  return database.db.flow.create({
    data: {
      workspaceId: database.seed.workspaceId,
      name,
      versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(graph), published } },
    },
  });
}

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await call.then(
    () => null,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return { code: (error as TRPCError).code, message: (error as TRPCError).message };
}

let orders: { id: string };
let refunds: { id: string };
beforeAll(async () => {
  orders = await publish("A orders", { channels: "whatsapp, sms", triggers: "order\n/track(ing)?\\s+#?\\d+/" });
  refunds = await publish("B refunds", { channels: "web, whatsapp, email", triggers: "refund\nmoney back" });
  // A draft with a matching trigger is never picked: only published versions run.
  await publish("0 draft", { channels: "email", triggers: "refund" }, false);
});

describe("startFromMessage", () => {
  it("starts the flow whose trigger matches, delivers the text and returns every reply", async () => {
    const started = await api.conversations.startFromMessage({ channel: "email", text: "I want my MONEY  back please" });
    expect(started.flowId).toBe(refunds.id);
    expect(started.status).toBe("closed");
    expect(started.replies.map((reply) => [reply.author, reply.text])).toEqual([
      ["bot", "What is it about?"],
      ["bot", "B refunds: I want my MONEY  back please"],
    ]);
    const conversation = await api.conversations.get({ id: started.conversationId });
    expect(conversation.channel).toBe("email");
    expect(conversation.messages.map((message) => [message.author, message.text])).toEqual([
      ["bot", "What is it about?"],
      ["contact", "I want my MONEY  back please"],
      ["bot", "B refunds: I want my MONEY  back please"],
    ]);
  });

  it("takes the first flow by name when several match, among those allowing the channel", async () => {
    const both = await api.conversations.startFromMessage({ channel: "whatsapp", text: "refund for order 12" });
    expect(both.flowId).toBe(orders.id);
    const web = await api.conversations.startFromMessage({ channel: "web", text: "refund for order 12" });
    expect(web.flowId).toBe(refunds.id);
    const pattern = await api.conversations.startFromMessage({ channel: "sms", text: "Tracking #4411", contact: { name: "Ada" } });
    expect(pattern.flowId).toBe(orders.id);
  });

  it("orders flows by name alphabetically, whatever the database's collation", async () => {
    // Byte order (SQLite, PostgreSQL's C locale) would put "B parcels" before "a parcels".
    const lower = await publish("a parcels", { channels: "web", triggers: "parcel" });
    await publish("B parcels", { channels: "web", triggers: "parcel" });
    const started = await api.conversations.startFromMessage({ channel: "web", text: "where is my parcel" });
    expect(started.flowId).toBe(lower.id);
  });

  it("is NOT_FOUND when no published flow matches on the channel", async () => {
    expect(await refusal(api.conversations.startFromMessage({ channel: "voice", text: "refund" }))).toEqual({
      code: "NOT_FOUND",
      message: "no published flow starts on the voice channel with a trigger matching this message",
    });
    expect((await refusal(api.conversations.startFromMessage({ channel: "web", text: "refunds" }))).code).toBe("NOT_FOUND");
    // @ts-expect-error -- an unknown channel is a bad request
    expect((await refusal(api.conversations.startFromMessage({ channel: "fax", text: "refund" }))).code).toBe("BAD_REQUEST");
  });
});

describe("startFromMessage with hostile patterns", () => {
  let hostile: { id: string };
  beforeAll(async () => {
    // Only on the api channel, so the other tests never meet these flows.
    hostile = await publish("Z hostile", { channels: "api", triggers: "/(a+)+$/\n/(x+x+)+y/\n/(a|aa)+$/" });
    // Stored before patterns ran on RE2: a lookbehind RE2 refuses. It must match nothing, not fail.
    await publish("Y lookbehind", { channels: "api", triggers: "/(?<!no )refund/" });
  });

  it("tests catastrophic patterns in linear time: the longest messages finish", async () => {
    // A backtracking engine would hang the API's event loop on each of these for ages.
    const noMatch = await refusal(api.conversations.startFromMessage({ channel: "api", text: `${"a".repeat(3_999)}!` }));
    expect(noMatch.code).toBe("NOT_FOUND");
    expect((await refusal(api.conversations.startFromMessage({ channel: "api", text: "x".repeat(4_000) }))).code).toBe("NOT_FOUND");
    const started = await api.conversations.startFromMessage({ channel: "api", text: "a".repeat(4_000) });
    expect(started.flowId).toBe(hostile.id);
  });

  it("a stored trigger that RE2 refuses matches nothing", async () => {
    expect((await refusal(api.conversations.startFromMessage({ channel: "api", text: "refund" }))).code).toBe("NOT_FOUND");
  });
});

describe("start with a channel", () => {
  it("refuses a channel the start node does not allow", async () => {
    expect(await refusal(api.conversations.start({ flowId: orders.id, channel: "voice" }))).toEqual({
      code: "BAD_REQUEST",
      message: 'flow "A orders" does not start on the voice channel; its start node allows whatsapp, sms',
    });
    // web is the default channel, and "A orders" does not answer there either.
    expect((await refusal(api.conversations.start({ flowId: orders.id }))).code).toBe("BAD_REQUEST");
  });

  it("starts on an allowed channel and records it; older start nodes allow every channel", async () => {
    const started = await api.conversations.start({ flowId: orders.id, channel: "sms" });
    expect(started.replies.map((reply) => reply.text)).toEqual(["What is it about?"]);
    expect((await api.conversations.get({ id: started.conversationId })).channel).toBe("sms");
    const demo = await api.conversations.start({ flowId: database.seed.flowId, channel: "voice" });
    expect(demo.status).toBe("active");
  });
});

describe("the compiled flow in the start input", () => {
  it("starts the workflow with the version compiled, so it loads nothing from the database", async () => {
    const started = await api.conversations.start({ flowId: refunds.id });
    const history = await env.client.workflow.getHandle(started.conversationId).fetchHistory();
    const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
    const input = JSON.parse(Buffer.from(payload.data!).toString("utf8")) as { flow?: { startNodeId: string; nodes: Record<string, unknown> } };
    expect(input.flow?.startNodeId).toBe("start");
    expect(Object.keys(input.flow?.nodes ?? {}).sort()).toEqual(["ask", "end", "start"]);
    // The opening runs no local activity at all: no loadFlow, and its turn came back with the
    // opening for the API to store (the workflow stores it again later, by its timer).
    const opened = history.events!.findIndex((event) => event.workflowExecutionUpdateCompletedEventAttributes);
    expect(opened).toBeGreaterThan(0);
    const localActivities = history.events!.slice(0, opened).filter((event) => event.markerRecordedEventAttributes && event.markerRecordedEventAttributes.markerName !== "core_patch");
    expect(localActivities).toEqual([]);
    const stored = await database.db.message.findMany({ where: { conversationId: started.conversationId }, orderBy: { seq: "asc" } });
    expect(stored.map((message) => message.text)).toEqual(started.replies.map((reply) => reply.text));
  });
});

describe("opening a conversation that fails", () => {
  /** The last conversation written, with its contact. */
  const newest = () => database.db.conversation.findFirstOrThrow({ orderBy: { createdAt: "desc" }, include: { contact: true } });

  it("writes neither the contact nor the conversation when the rows cannot be written, and starts nothing", async () => {
    const ctx = { ...testServices(database, env.client, "never-polled"), workspaceId: database.seed.workspaceId };
    const contactsBefore = await database.db.contact.count();
    const conversationsBefore = await database.db.conversation.count();
    const gone: PublishedFlow = { flow: { id: "gone", name: "Gone" }, versionId: "no-such-version", start: nodeKinds.start.defaults };
    expect(await refusal(openConversation(ctx, gone, "web", { name: "Nobody" }))).toEqual({
      code: "NOT_FOUND",
      message: 'flow "Gone" has no published version any more',
    });
    expect(await database.db.contact.count()).toBe(contactsBefore);
    expect(await database.db.conversation.count()).toBe(conversationsBefore);
  });

  it("closes the row when the workflow cannot start", async () => {
    // A namespace the server does not have: the start itself fails, on a real server.
    const temporal = new Client({ connection: env.connection, namespace: "no-such-namespace" });
    const broken = createCaller(asPerson(testServices(database, temporal, "never-polled"), database));
    expect((await refusal(broken.conversations.start({ flowId: database.seed.flowId, contact: { name: "Stranded" } }))).code).toBe(
      "INTERNAL_SERVER_ERROR",
    );
    const conversation = await newest();
    expect(conversation.contact.name).toBe("Stranded");
    expect(conversation.status).toBe("closed");
  });

  it("leaves no running workflow and a closed row when the opening fails after the start", async () => {
    // A draft version: the workflow starts, then cannot load a published flow. (This workflow
    // also fails by itself; the terminate in abandonOpening is for openings that time out.)
    const draft = await publish("C draft only", { channels: "web", triggers: "" }, false);
    const version = await database.db.flowVersion.findFirstOrThrow({ where: { flowId: draft.id } });
    const ctx = { ...testServices(database, env.client, taskQueue), workspaceId: database.seed.workspaceId };
    const unpublished: PublishedFlow = { flow: { id: draft.id, name: draft.name }, versionId: version.id, start: nodeKinds.start.defaults };
    await refusal(openConversation(ctx, unpublished, "web", { name: "Early" }));
    const conversation = await newest();
    expect(conversation.contact.name).toBe("Early");
    expect(conversation.status).toBe("closed");
    const described = await env.client.workflow.getHandle(conversation.id).describe();
    expect(described.status.name).not.toBe("RUNNING");
  });
});
