import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import type { Client } from "@temporalio/client";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { appRouter, createCallerFactory } from "../src";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

/** The intent "Try it" endpoint, the publish check of intent routers and the inbox sentiment trend, on a real SQLite database. */

let database: TestDatabase;
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  database = await createTestDatabase();
  // These procedures never start or signal a workflow: no Temporal client is needed.
  api = createCaller(asPerson(testServices(database, undefined as unknown as Client, "unused"), database));
});
afterAll(async () => database?.close());

const intents = [
  { name: "billing", label: "", examples: ["I was charged twice", "there is a wrong amount on my invoice", "I want a refund", "question about my bill"] },
  { name: "shipping", label: "", examples: ["where is my order", "my package has not arrived", "when will my parcel be delivered"] },
  { name: "thanks", label: "", examples: ["thanks"] },
];

function routerFlow(routerIntents: typeof intents): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "router", kind: "intent_router", position: { x: 0, y: 100 }, config: { intents: routerIntents, threshold: 0.4 } },
      { id: "end", kind: "end", position: { x: 0, y: 200 }, config: { status: "resolved" } },
    ],
    edges: [
      { id: "e0", source: "start", sourcePort: "next", target: "router" },
      ...[...routerIntents.map((intent) => `intent:${intent.name}`), "fallback"].map((port, i) => ({ id: `e${i + 1}`, source: "router", sourcePort: port, target: "end" })),
    ],
  };
}

async function createFlow(name: string, graph: FlowGraph) {
  return database.db.flow.create({
    data: { workspaceId: database.seed.workspaceId, name, versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(graph) } } },
    include: { versions: true },
  });
}

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(() => null, (err: unknown) => err);
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("aiTest.intent", () => {
  it("classifies a message against the editor's intents, with alternatives and entities", async () => {
    const result = await api.aiTest.intent({ text: "You charged me twice for order #A12345!", intents, threshold: 0.3 });
    expect(result.intent).toBe("billing");
    expect(result.confidence).toBeGreaterThanOrEqual(0.3);
    expect(result.alternatives.map((a) => a.intent)).toEqual(expect.arrayContaining(["billing", "shipping", "thanks"]));
    expect(result.alternatives[0]).toEqual({ intent: "billing", score: result.confidence });
    expect(result.entities).toEqual([expect.objectContaining({ type: "order_id", value: "A12345", text: "#A12345" })]);
  });

  it("reads the router of a saved version, with its threshold", async () => {
    const flow = await createFlow("Try it", routerFlow(intents));
    const result = await api.aiTest.intent({ text: "my parcel has not arrived yet", flowVersionId: flow.versions[0]!.id });
    expect(result).toMatchObject({ intent: "shipping", threshold: 0.4 });
    const missing = await refusal(api.aiTest.intent({ text: "hi", flowVersionId: flow.versions[0]!.id, nodeId: "nope" }));
    expect(missing.code).toBe("NOT_FOUND");
  });

  it("refuses input that is not one of the two forms, clearly", async () => {
    expect((await refusal(api.aiTest.intent({ text: "hi" }))).code).toBe("BAD_REQUEST");
    expect((await refusal(api.aiTest.intent({ text: "hi", intents, flowVersionId: "x" }))).code).toBe("BAD_REQUEST");
    expect((await refusal(api.aiTest.intent({ text: "   ", intents }))).message).toContain("type a message");
    expect((await refusal(api.aiTest.intent({ text: "hi", flowVersionId: "does-not-exist" }))).code).toBe("NOT_FOUND");
  });
});

describe("flows.publish", () => {
  it("publishes and reports intents with too few examples as warnings", async () => {
    const flow = await createFlow("Publish check", routerFlow(intents));
    const published = await api.flows.publish({ id: flow.id });
    expect(published.version).toBe(1);
    expect(published.intentWarnings).toEqual([
      { nodeId: "router", label: "router", warnings: [expect.objectContaining({ intent: "thanks", message: expect.stringMatching(/only 1 example/) })] },
    ]);
  });
});

describe("sentiment.trend", () => {
  it("scores the customer's messages and says where the mood is going", async () => {
    const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId, name: "Ana" } });
    const conversation = await database.db.conversation.create({
      data: { workspaceId: database.seed.workspaceId, contactId: contact.id, flowVersionId: database.seed.publishedVersionId, workflowId: "trend-test" },
    });
    const texts: [string, "contact" | "bot"][] = [
      ["this is ridiculous, my order never arrived", "contact"],
      ["Sorry to hear that! Let me check.", "bot"],
      ["I have been waiting for two weeks!!", "contact"],
      ["ok so you are sending a new one?", "contact"],
      ["great, thank you so much, that really helps", "contact"],
    ];
    await database.db.message.createMany({
      data: texts.map(([text, author], seq) => ({ id: `m${seq}`, conversationId: conversation.id, seq, author, text })),
    });
    const { messages, trend } = await api.sentiment.trend({ conversationId: conversation.id });
    expect(messages.map((m) => m.seq)).toEqual([0, 2, 3, 4]);
    expect(messages[0]!.score).toBeLessThan(-0.2);
    expect(messages[3]!.score).toBeGreaterThan(0.2);
    expect(trend.direction).toBe("improving");
    expect(trend.points).toHaveLength(4);
    expect((await refusal(api.sentiment.trend({ conversationId: "nope" }))).code).toBe("NOT_FOUND");
  });
});
