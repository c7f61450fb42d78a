import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockActivityEnvironment } from "@temporalio/testing";
import { ApplicationFailure } from "@temporalio/common";
import { FLOW_SCHEMA_VERSION, type CompiledFlow, type FlowGraph } from "@parley/flow";
import { asJson } from "@parley/db";
import { createActivities, type RecordedMessage } from "../src";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let database: TestDatabase;
let activities: ReturnType<typeof createActivities>;
const env = new MockActivityEnvironment();

beforeAll(async () => {
  database = await createTestDatabase();
  activities = createActivities({ db: database.db });
});
afterAll(() => database?.close());

async function newConversation() {
  const { db, seed } = database;
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
  return db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `wf-${contact.id}` },
  });
}

const message = (conversationId: string, seq: number, text: string): RecordedMessage => ({
  id: `${conversationId}-${seq}`,
  seq,
  author: seq % 2 ? "bot" : "contact",
  text,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
});

describe("recordTurn", () => {
  it("is idempotent: a retried turn rewrites the same rows", async () => {
    const conversation = await newConversation();
    const turn = {
      conversationId: conversation.id,
      messages: [message(conversation.id, 1, "Hi"), message(conversation.id, 2, "Hello")],
      status: "active" as const,
      variables: { name: "Ada" },
    };
    await env.run(activities.recordTurn, turn);
    await env.run(activities.recordTurn, turn);
    const rows = await database.db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: "asc" } });
    expect(rows.map((row) => [row.seq, row.text])).toEqual([[1, "Hi"], [2, "Hello"]]);
    const stored = await database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(stored.variables).toEqual({ name: "Ada" });
    expect(stored.lastMessageAt?.toISOString()).toBe("2026-01-01T00:00:02.000Z");
  });

  it("fails without retry, and writes nothing, for text the database can never store", async () => {
    const conversation = await newConversation();
    const attempt = env.run(activities.recordTurn, {
      conversationId: conversation.id,
      messages: [message(conversation.id, 1, "Hi"), message(conversation.id, 2, "broken \ud800 text")],
      status: "active" as const,
      variables: {},
    });
    await expect(attempt).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(attempt).rejects.toMatchObject({ type: "DataRejected", nonRetryable: true });
    // The reason, not Prisma's text: that quotes our source files and lines.
    await expect(attempt).rejects.not.toThrow(/\.ts:\d+|invocation/);
    expect(await database.db.message.count({ where: { conversationId: conversation.id } })).toBe(0);
  });

  it("keeps the messages of an agent who does not exist (any more), without an author", async () => {
    const conversation = await newConversation();
    const turn = {
      conversationId: conversation.id,
      messages: [
        { ...message(conversation.id, 1, "From a known agent"), author: "agent" as const, authorId: database.seed.agentId },
        { ...message(conversation.id, 2, "From a deleted one"), author: "agent" as const, authorId: "ghost" },
      ],
      status: "handoff" as const,
      variables: {},
      handoff: { team: "Billing", skills: [], priority: "normal" as const, assigneeId: "ghost", since: new Date().toISOString() },
    };
    await env.run(activities.recordTurn, turn);
    const rows = await database.db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: "asc" } });
    expect(rows.map((row) => [row.text, row.authorId])).toEqual([["From a known agent", database.seed.agentId], ["From a deleted one", null]]);
    expect(await database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({ team: "Billing", assigneeId: null });
  });

  it("writes node runs, meta, handoff and SLA as the inbox reads them, and keeps meta a retry leaves out", async () => {
    const conversation = await newConversation();
    const run = { id: `${conversation.id}-n1`, nodeId: "ask", kind: "ask", startedAt: "2026-01-01T00:00:01.000Z", finishedAt: null, outcome: null, error: null };
    const since = "2026-01-01T00:00:03.000Z";
    const turn = {
      conversationId: conversation.id,
      messages: [{ ...message(conversation.id, 1, "Pick one"), meta: { quickReplies: ["Yes", "No"] } }],
      nodeRuns: [run],
      status: "handoff" as const,
      variables: { said: "it's \"quoted\"", count: 2, ok: true, none: null },
      handoff: { team: "Billing", skills: [], priority: "high" as const, assigneeId: null, since },
      sla: { firstResponse: { dueAt: since } },
      csat: { score: 4, scale: 5 },
    };
    await env.run(activities.recordTurn, turn);
    const { meta: _meta, ...withoutMeta } = turn.messages[0]!;
    await env.run(activities.recordTurn, {
      ...turn,
      messages: [withoutMeta],
      nodeRuns: [{ ...run, finishedAt: "2026-01-01T00:00:02.000Z", outcome: "answered" }],
      handoff: null,
    });
    const stored = await database.db.conversation.findUniqueOrThrow({ where: { id: conversation.id }, include: { messages: true, nodeRuns: true } });
    expect(stored).toMatchObject({ status: "handoff", variables: turn.variables, team: null, handedOffAt: null, priority: "high", sla: turn.sla, csatScore: 4, csatScale: 5 });
    expect(stored.messages.map((row) => [row.text, row.meta, row.createdAt.toISOString()])).toEqual([["Pick one", { quickReplies: ["Yes", "No"] }, "2026-01-01T00:00:01.000Z"]]);
    expect(stored.nodeRuns.map((row) => [row.nodeId, row.startedAt.toISOString(), row.finishedAt?.toISOString(), row.outcome])).toEqual([
      ["ask", "2026-01-01T00:00:01.000Z", "2026-01-01T00:00:02.000Z", "answered"],
    ]);
    expect(stored.updatedAt.getTime()).toBeGreaterThan(stored.createdAt.getTime() - 1);
  });

  it("fails without retry, and writes nothing, for an unknown conversation", async () => {
    const attempt = env.run(activities.recordTurn, {
      conversationId: "missing",
      messages: [message("missing", 1, "lost?")],
      status: "active" as const,
      variables: {},
    });
    await expect(attempt).rejects.toBeInstanceOf(ApplicationFailure);
    await expect(attempt).rejects.toMatchObject({ type: "ConversationNotFound", nonRetryable: true });
    expect(await database.db.message.count({ where: { id: "missing-1" } })).toBe(0);
  });
});

describe("loadFlow", () => {
  it("compiles a published version", async () => {
    const flow: CompiledFlow = await env.run(activities.loadFlow, database.seed.publishedVersionId);
    expect(flow.startNodeId).toBe("start");
    expect(flow.next["ask_name"]).toEqual({ answered: "ask_topic" });
  });

  it("refuses drafts and unknown versions with typed, non-retryable failures", async () => {
    const draft = await database.db.flowVersion.findFirstOrThrow({ where: { published: false } });
    await expect(env.run(activities.loadFlow, draft.id)).rejects.toMatchObject({
      type: "FlowVersionNotPublished",
      nonRetryable: true,
    });
    await expect(env.run(activities.loadFlow, "nope")).rejects.toMatchObject({
      type: "FlowVersionNotFound",
      nonRetryable: true,
    });
  });
});

describe("recordTurn and the contact", () => {
  it("writes an answered email or phone ask node onto the contact; a text answer does not", async () => {
    const { db, seed } = database;
    const graph: FlowGraph = {
      schemaVersion: FLOW_SCHEMA_VERSION,
      nodes: [
        { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
        { id: "mail", kind: "ask", position: { x: 0, y: 100 }, config: { question: "Your email?", variable: "customer_email", inputType: "email" } },
        { id: "tel", kind: "ask", position: { x: 0, y: 200 }, config: { question: "Your phone?", variable: "customer_phone", inputType: "phone" } },
        { id: "topic", kind: "ask", position: { x: 0, y: 300 }, config: { question: "What about?", variable: "topic" } },
        { id: "end", kind: "end", position: { x: 0, y: 400 }, config: { status: "resolved" } },
      ],
      edges: [
        { id: "e1", source: "start", sourcePort: "next", target: "mail" },
        { id: "e2", source: "mail", sourcePort: "answered", target: "tel" },
        { id: "e3", source: "tel", sourcePort: "answered", target: "topic" },
        { id: "e4", source: "topic", sourcePort: "answered", target: "end" },
        { id: "e5", source: "mail", sourcePort: "invalid", target: "end" },
        { id: "e6", source: "tel", sourcePort: "invalid", target: "end" },
      ],
    };
    const flow = await db.flow.create({ data: { workspaceId: seed.workspaceId, name: "Contact details", versions: { create: { version: 1, schemaVersion: 1, graph: asJson(graph), published: true } } }, include: { versions: true } });
    const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Ada" } });
    const conversation = await db.conversation.create({ data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: flow.versions[0]!.id, workflowId: `wf-contact-${contact.id}` } });
    const run = (nodeId: string, n: number) => ({ id: `${conversation.id}-n${n}`, nodeId, kind: "ask", startedAt: "2026-01-01T00:00:00.000Z", finishedAt: "2026-01-01T00:00:01.000Z", outcome: "answered", error: null });
    const variables = { customer_email: "ada@example.com", customer_phone: "+442079460018", topic: "bob@example.com" };

    await env.run(activities.recordTurn, { conversationId: conversation.id, messages: [], nodeRuns: [run("topic", 3)], status: "active" as const, variables });
    expect(await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ email: null, phone: null });

    await env.run(activities.recordTurn, { conversationId: conversation.id, messages: [], nodeRuns: [run("mail", 1), run("tel", 2)], status: "active" as const, variables });
    expect(await db.contact.findUniqueOrThrow({ where: { id: contact.id } })).toMatchObject({ name: "Ada", email: "ada@example.com", phone: "+442079460018", revision: 1 });
    const identities = await db.contactIdentity.findMany({ where: { contactId: contact.id }, orderBy: { kind: "asc" }, select: { kind: true, value: true } });
    expect(identities).toEqual([
      { kind: "email", value: "ada@example.com" },
      { kind: "phone", value: "+442079460018" },
    ]);
    // A retried turn links nothing twice.
    await env.run(activities.recordTurn, { conversationId: conversation.id, messages: [], nodeRuns: [run("mail", 1), run("tel", 2)], status: "active" as const, variables });
    expect(await db.contactIdentity.count({ where: { contactId: contact.id } })).toBe(2);
  });
});
