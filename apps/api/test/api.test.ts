import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { demoFlow } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let baseUrl: string;
let api: ReturnType<typeof testClient>;
/** The owner's session: raw calls below test input handling, past the authorization point. */
let cookie: string;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("api-test");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  server = createApiServer({ services: testServices(database, env.client, taskQueue) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cookie = await signIn(baseUrl);
  api = testClient(baseUrl, { cookie });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** A raw HTTP call, as any client (or attacker) could make it. */
async function post(procedure: string, body: string) {
  const response = await fetch(`${baseUrl}/trpc/${procedure}`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body,
  });
  return { status: response.status, body: (await response.json()) as { error?: { message: string; data: Record<string, unknown> } } };
}

async function get(procedure: string, input: unknown) {
  const response = await fetch(`${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } });
  return { status: response.status, body: (await response.json()) as { error?: { message: string; data: Record<string, unknown> } } };
}

describe("conversations over HTTP", () => {
  it("runs the demo flow from start to resolution and keeps the transcript", async () => {
    const started = await api.conversations.start.mutate({
      flowId: database.seed.flowId,
      contact: { name: "Grace", email: "grace@example.com" },
    });
    expect(started.status).toBe("active");
    expect(started.replies.map((reply) => reply.text)).toEqual([
      "Hi! I'm Parley, the support assistant.",
      "What's your name?",
    ]);

    const first = await api.conversations.send.mutate({ conversationId: started.conversationId, text: "Grace" });
    expect(first.replies.map((reply) => reply.text)).toEqual(["Thanks Grace. What can I help you with today?"]);
    const second = await api.conversations.send.mutate({ conversationId: started.conversationId, text: "Refund please" });
    expect(second.status).toBe("resolved");

    const conversation = await api.conversations.get.query({ id: started.conversationId });
    expect(conversation.status).toBe("resolved");
    expect(conversation.workflowId).toBe(started.conversationId);
    expect(conversation.contact).toMatchObject({ name: "Grace", email: "grace@example.com" });
    expect(conversation.flow).toMatchObject({ name: "Support intake", version: 1 });
    expect(conversation.messages.map((message) => message.author)).toEqual(["bot", "bot", "contact", "bot", "contact", "bot"]);

    const listed = await api.conversations.list.query({ status: "resolved" });
    const item = listed.find((entry) => entry.id === started.conversationId);
    expect(item).toMatchObject({ messageCount: 6, contactName: "Grace", lastMessage: { author: "bot" } });
    expect(item?.lastMessage?.text).toContain("Refund please");
  });

  it("applies a resent message once when the client gives it an id", async () => {
    const started = await api.conversations.start.mutate({ flowId: database.seed.flowId });
    const message = { conversationId: started.conversationId, text: "Ada", clientMessageId: "web-1" };
    const first = await api.conversations.send.mutate(message);
    const again = await api.conversations.send.mutate(message);
    expect(again).toEqual(first);
    const conversation = await api.conversations.get.query({ id: started.conversationId });
    expect(conversation.messages.filter((m) => m.author === "contact")).toHaveLength(1);
    const bad = await post("conversations.send", JSON.stringify({ ...message, clientMessageId: "has spaces" }));
    expect(bad.status).toBe(400);
  });

  it("refuses messages to an ended conversation with 412", async () => {
    const started = await api.conversations.start.mutate({ flowId: database.seed.flowId });
    await api.conversations.send.mutate({ conversationId: started.conversationId, text: "Ada" });
    await api.conversations.send.mutate({ conversationId: started.conversationId, text: "Billing" });
    const late = await post("conversations.send", JSON.stringify({ conversationId: started.conversationId, text: "hello?" }));
    expect(late.status).toBe(412);
    expect(late.body.error?.message).toMatch(/resolved/);
  });
});

describe("bad requests get clear 4xx errors", () => {
  it("wrong types name the field", async () => {
    const response = await post("conversations.send", JSON.stringify({ conversationId: 42, text: ["hi"] }));
    expect(response.status).toBe(400);
    const fieldErrors = (response.body.error?.data.zodError as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fieldErrors).sort()).toEqual(["conversationId", "text"]);
  });

  it("unknown ids are 404", async () => {
    expect((await post("conversations.send", JSON.stringify({ conversationId: "nope", text: "hi" }))).status).toBe(404);
    expect((await get("conversations.get", { id: "nope" })).status).toBe(404);
    expect((await get("flows.get", { id: "nope" })).status).toBe(404);
    expect((await post("conversations.start", JSON.stringify({ flowId: "nope" }))).status).toBe(404);
  });

  it("oversized text is refused before it reaches the workflow", async () => {
    const started = await api.conversations.start.mutate({ flowId: database.seed.flowId });
    const response = await post(
      "conversations.send",
      JSON.stringify({ conversationId: started.conversationId, text: "x".repeat(4001) }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toMatch(/longer than 4000/);
    const conversation = await api.conversations.get.query({ id: started.conversationId });
    expect(conversation.messages).toHaveLength(2);
  });

  it("malformed JSON, oversized bodies, unknown procedures and paths", async () => {
    expect((await post("conversations.send", "{not json")).status).toBe(400);
    expect((await post("conversations.send", JSON.stringify({ text: "y".repeat(2_000_000) }))).status).toBe(413);
    expect((await post("conversations.nope", "{}")).status).toBe(404);
    expect((await fetch(`${baseUrl}/elsewhere`)).status).toBe(404);
    expect(await (await fetch(`${baseUrl}/health`)).json()).toEqual({ ok: true });
  });

  it("an invalid email in the contact is a 400", async () => {
    const response = await post("conversations.start", JSON.stringify({ flowId: database.seed.flowId, contact: { email: "not-an-email" } }));
    expect(response.status).toBe(400);
  });
});

describe("flows over HTTP", () => {
  it("saves drafts with issues as data, refuses to publish errors, publishes immutable versions", async () => {
    const { id } = await api.flows.create.mutate({ name: "Returns", description: "Return requests" });
    const fresh = await api.flows.get.query({ id });
    expect(fresh.issues).toEqual([]);
    expect(fresh.published).toBeNull();

    // A graph with a dangling edge is saved, with the problem located.
    const broken = {
      ...demoFlow,
      edges: [...demoFlow.edges, { id: "bad", source: "greet", sourcePort: "next", target: "ghost" }],
    };
    const saved = await api.flows.saveDraft.mutate({ id, graph: broken });
    expect(saved.saved).toBe(true);
    expect(saved.issues).toContainEqual(expect.objectContaining({ severity: "error", edgeId: "bad" }));
    await expect(api.flows.publish.mutate({ id })).rejects.toSatisfy(
      (err: unknown) => err instanceof TRPCClientError && err.data?.code === "PRECONDITION_FAILED",
    );

    // Garbage is not saved at all.
    const garbage = await api.flows.saveDraft.mutate({ id, graph: "not a graph" });
    expect(garbage.saved).toBe(false);
    expect(garbage.issues.length).toBeGreaterThan(0);

    await api.flows.saveDraft.mutate({ id, graph: demoFlow });
    expect(await api.flows.publish.mutate({ id })).toMatchObject({ version: 1 });
    const published = await api.flows.get.query({ id });
    expect(published.published?.version).toBe(1);
    expect(published.draft.version).toBe(2);

    // The database itself refuses to change a published version. (Prisma's libsql adapter
    // reports SQLite's trigger constraint code as a foreign key error; the refusal is what counts.)
    await expect(
      database.db.flowVersion.update({ where: { id: published.published!.id }, data: { graph: {} } }),
    ).rejects.toThrow();
    const frozen = await database.db.flowVersion.findUniqueOrThrow({ where: { id: published.published!.id } });
    expect(frozen.graph).toEqual(published.published!.graph);

    const list = await api.flows.list.query();
    expect(list.find((flow) => flow.id === id)).toMatchObject({ name: "Returns", publishedVersion: 1 });
  });

  it("conversations stay on the version they started on", async () => {
    const { id } = await api.flows.create.mutate({ name: "Pinned" });
    await api.flows.saveDraft.mutate({ id, graph: demoFlow });
    await api.flows.publish.mutate({ id });
    const started = await api.conversations.start.mutate({ flowId: id });

    const changed = structuredClone(demoFlow);
    const greet = changed.nodes.find((node) => node.id === "ask_name")!;
    greet.config = { ...greet.config, question: "Who am I talking to?" };
    await api.flows.saveDraft.mutate({ id, graph: changed });
    await api.flows.publish.mutate({ id });

    const reply = await api.conversations.send.mutate({ conversationId: started.conversationId, text: "Edsger" });
    expect(reply.replies[0]?.text).toBe("Thanks Edsger. What can I help you with today?");
    const next = await api.conversations.start.mutate({ flowId: id });
    expect(next.replies.map((r) => r.text)).toContain("Who am I talking to?");
  });
});

describe("agent actions over HTTP", () => {
  const handoffFlow = {
    schemaVersion: 1,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "topic", kind: "ask", position: { x: 0, y: 150 }, config: { question: "What do you need?", variable: "topic" } },
      { id: "human", kind: "handoff", position: { x: 0, y: 300 }, config: { team: "Billing", summary: "About {{topic}}" } },
      { id: "end", kind: "end", position: { x: 0, y: 450 }, config: { status: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "topic" },
      { id: "e2", source: "topic", sourcePort: "answered", target: "human" },
      { id: "e3", source: "human", sourcePort: "resolved", target: "end" },
      { id: "e4", source: "human", sourcePort: "returned", target: "topic" },
    ],
  };

  async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const value = await read();
      if (ok(value)) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("condition not reached");
  }

  it("assign, reply and resolve reach the conversation; the customer sees the agent", async () => {
    const { id: flowId } = await api.flows.create.mutate({ name: "Handoff" });
    const saved = await api.flows.saveDraft.mutate({ id: flowId, graph: handoffFlow });
    expect(saved.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    await api.flows.publish.mutate({ id: flowId });

    const agents = await api.users.list.query();
    const agent = agents.find((user) => user.role === "agent")!;
    // The agent works the inbox signed in as themselves; the customer holds the conversation's token.
    const asAgent = testClient(baseUrl, { cookie: await signIn(baseUrl, "agent@parley.dev") });
    const started = await api.conversations.start.mutate({ flowId });
    const turn = await api.conversations.send.mutate({ conversationId: started.conversationId, text: "My refund" });
    expect(turn.status).toBe("handoff");

    // The flow hands off to Billing: an agent's inbox shows their teams' queues only, so the agent
    // sees it (and takes it) once an admin has put them in that team.
    const notMine = await asAgent.conversations.list.query({ status: "handoff" });
    expect(notMine.find((c) => c.id === started.conversationId)).toBeUndefined();
    const billing = (await api.teams.names.query()).find((team) => team.name === "Billing")!;
    await api.teams.addMember.mutate({ teamId: billing.id, userId: agent.id });
    const listed = await asAgent.conversations.list.query({ status: "handoff" });
    expect(listed.find((c) => c.id === started.conversationId)).toMatchObject({ team: "Billing", priority: "normal" });
    await asAgent.conversations.assign.mutate({ conversationId: started.conversationId, agentId: agent.id });
    await asAgent.conversations.reply.mutate({ conversationId: started.conversationId, text: "On it!" });
    const seen = await until(
      () => api.conversations.messagesSince.query({ conversationId: started.conversationId, afterSeq: 0 }),
      (result) => result.messages.some((message) => message.author === "agent"),
    );
    expect(seen.messages.map((message) => message.author)).not.toContain("system");
    const detail = await until(
      () => api.conversations.get.query({ id: started.conversationId }),
      (conversation) => conversation.assignee?.id === agent.id,
    );
    expect(detail.messages.find((message) => message.author === "agent")).toMatchObject({ text: "On it!", authorId: agent.id });

    await asAgent.conversations.resolve.mutate({ conversationId: started.conversationId });
    await until(
      () => api.conversations.get.query({ id: started.conversationId }),
      (conversation) => conversation.status === "resolved",
    );
    const late = await post("conversations.reply", JSON.stringify({ conversationId: started.conversationId, text: "hi" }));
    expect(late.status).toBe(412);
    const counts = await api.conversations.counts.query();
    expect(counts.resolved).toBeGreaterThanOrEqual(1);
    expect(counts.all).toBe(counts.active + counts.handoff + counts.resolved + counts.closed);
  });

  it("returns the customer's message as recorded, and refuses to hand back what the bot has", async () => {
    const started = await api.conversations.start.mutate({ flowId: database.seed.flowId });
    const turn = await api.conversations.send.mutate({ conversationId: started.conversationId, text: "Ada" });
    expect(turn.accepted).toEqual({ id: `${started.conversationId}-3`, seq: 3 });
    const handBack = await post("conversations.handBack", JSON.stringify({ conversationId: started.conversationId }));
    expect(handBack.status).toBe(412);
    expect(handBack.body.error?.message).toMatch(/bot already has/);
  });

  it("rejects unknown agents and conversations", async () => {
    const started = await api.conversations.start.mutate({ flowId: database.seed.flowId });
    const unknownAgent = await post("conversations.assign", JSON.stringify({ conversationId: started.conversationId, agentId: "ghost" }));
    expect(unknownAgent.status).toBe(404);
    const unknownConversation = await post("conversations.resolve", JSON.stringify({ conversationId: "ghost" }));
    expect(unknownConversation.status).toBe(404);
    const empty = await post("conversations.reply", JSON.stringify({ conversationId: started.conversationId, text: " " }));
    expect(empty.status).toBe(400);
  });
});

