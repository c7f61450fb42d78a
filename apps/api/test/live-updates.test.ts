// Live updates over HTTP: real tRPC subscriptions (server-sent events, as the builder's) while
// conversations run on a real Temporal server and worker. What is asserted is what arrives at
// the subscriber: the feed is written by database triggers, read by the API's poller.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { SEEDED_ROLE_EMAIL, signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { liveClient, recordLiveEvents, type ReceivedLiveEvent } from "../../../test/support/live";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let baseUrl: string;
let services: ReturnType<typeof testServices>;
let ownerCookie: string;
let agentCookie: string;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("live");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  services = testServices(database, env.client, taskQueue, { livePollMs: 50 });
  server = createApiServer({ services });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  [ownerCookie, agentCookie] = await Promise.all([signIn(baseUrl), signIn(baseUrl, SEEDED_ROLE_EMAIL.agent)]);
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

const about = (conversationId: string) => (events: ReceivedLiveEvent[]) => events.filter((event) => event.conversationId === conversationId);
const kinds = (events: ReceivedLiveEvent[]) => events.map((event) => event.kind);

/** A customer on the demo flow that, once asked the topic, hands off to Support (the agent's team). */
async function handedOffToSupport(name: string): Promise<string> {
  const flow = await database.db.flow.findFirstOrThrow({ where: { workspaceId: database.seed.workspaceId, name: "Support with a human" } });
  const customer = testClient(baseUrl);
  const started = await customer.conversations.start.mutate({ flowId: flow.id, contact: { name } });
  await customer.conversations.send.mutate({ conversationId: started.conversationId, text: "Billing question" });
  return started.conversationId;
}

describe("live updates over server-sent events", () => {
  it("an agent hears their team's handoff, its assignment to them and the messages; a supervisor hears everything", async () => {
    const owner = recordLiveEvents(liveClient(baseUrl, ownerCookie));
    const agent = recordLiveEvents(liveClient(baseUrl, agentCookie));
    await Promise.all([owner.until((events) => events[0]?.kind === "ready"), agent.until((events) => events[0]?.kind === "ready")]);

    const id = await handedOffToSupport("Live Lovelace");
    // The handoff puts it in the Support queue (the agent's team): both hear it waiting.
    await agent.until((events) => about(id)(events).some((event) => event.kind === "conversation.updated"));
    await owner.until((events) => kinds(about(id)(events)).includes("conversation.created"));

    const ownerApi = testClient(baseUrl, { cookie: ownerCookie });
    await ownerApi.conversations.assign.mutate({ conversationId: id, agentId: database.seed.agentId, override: true });
    const assignedAt = agent.events.length;
    await agent.until((events) => events.slice(assignedAt).some((event) => event.conversationId === id && event.kind === "conversation.updated"));
    const row = await database.db.conversation.findUniqueOrThrow({ where: { id } });
    expect(row.assigneeId).toBe(database.seed.agentId);

    await testClient(baseUrl, { cookie: agentCookie }).conversations.reply.mutate({ conversationId: id, text: "Hello from a person" });
    await agent.until((events) => events.slice(assignedAt).some((event) => event.conversationId === id && event.kind === "message"));
    await owner.until((events) => events.some((event) => event.conversationId === id && event.kind === "message"));

    // A label added by the agent: the supervisor's list shows it too.
    const label = await ownerApi.labels.create.mutate({ name: "live", color: "#22aa66" });
    await testClient(baseUrl, { cookie: agentCookie }).labels.setOnConversation.mutate({ conversationId: id, labelId: label.id, on: true });
    await owner.until((events) => events.some((event) => event.conversationId === id && event.kind === "label"));

    // Ids only grow: each subscriber can resume from the last one it saw.
    for (const recorder of [owner, agent]) {
      const ids = recorder.events.map((event) => event.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(owner.errors).toEqual([]);
    expect(agent.errors).toEqual([]);
    owner.stop();
    agent.stop();
  });

  it("replays what was missed after a dropped connection from the last event id", async () => {
    const first = recordLiveEvents(liveClient(baseUrl, ownerCookie));
    const [ready] = await first.until((events) => events.length > 0);
    const customer = testClient(baseUrl);
    const started = await customer.conversations.start.mutate({ flowId: database.seed.flowId, contact: { name: "Before the drop" } });
    const seen = await first.until((events) => about(started.conversationId)(events).some((event) => event.kind === "message"));
    const lastSeen = seen.at(-1)!;
    first.stop();

    // While nobody listens: the customer answers, the bot replies.
    await customer.conversations.send.mutate({ conversationId: started.conversationId, text: "Grace" });
    const missed = await database.db.changeEvent.findMany({ where: { id: { gt: lastSeen.id }, conversationId: started.conversationId }, orderBy: { id: "asc" } });
    expect(missed.map((event) => event.kind)).toContain("message");

    const again = recordLiveEvents(liveClient(baseUrl, ownerCookie), String(lastSeen.id));
    await again.until((events) => missed.every((row) => events.some((event) => event.id === row.id)));
    expect(again.events[0]!.id).toBeGreaterThan(lastSeen.id);
    expect(again.events.some((event) => event.id <= lastSeen.id)).toBe(false);
    expect(again.events.map((event) => event.kind)).not.toContain("ready");
    expect(ready!.kind).toBe("ready");
    again.stop();
  });

  it("never sends an agent a conversation it cannot see, nor anyone another workspace's", async () => {
    const owner = recordLiveEvents(liveClient(baseUrl, ownerCookie));
    const agent = recordLiveEvents(liveClient(baseUrl, agentCookie));
    await Promise.all([owner.until((events) => events.length > 0), agent.until((events) => events.length > 0)]);

    // A bot-only conversation (nobody's, not waiting for a person): the agent may not open it.
    const customer = testClient(baseUrl);
    const botOnly = await customer.conversations.start.mutate({ flowId: database.seed.flowId, contact: { name: "Bot only" } });
    await customer.conversations.send.mutate({ conversationId: botOnly.conversationId, text: "Ada" });

    // Another workspace's conversation, written straight to the database (as its worker would).
    const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: `elsewhere-${Date.now()}` } });
    const contact = await database.db.contact.create({ data: { workspaceId: other.id, name: "Stranger" } });
    const foreign = await database.db.conversation.create({
      data: { workspaceId: other.id, contactId: contact.id, flowVersionId: database.seed.publishedVersionId, workflowId: `foreign-${Date.now()}`, status: "handoff" },
    });
    await database.db.message.create({ data: { id: `${foreign.id}-1`, conversationId: foreign.id, seq: 1, author: "contact", text: "hello?" } });

    // A marker after both, that everyone here hears: once it arrives, the others would have too.
    const marker = await handedOffToSupport("Marker");
    const heard = (events: ReceivedLiveEvent[]) => events.some((event) => event.conversationId === marker && event.kind === "conversation.updated");
    await Promise.all([owner.until(heard), agent.until(heard)]);

    expect(about(botOnly.conversationId)(owner.events).length).toBeGreaterThan(0);
    expect(about(botOnly.conversationId)(agent.events)).toEqual([]);
    expect(about(foreign.id)(owner.events)).toEqual([]);
    expect(about(foreign.id)(agent.events)).toEqual([]);
    // The rows were written: the filter, not a missing trigger, kept them away.
    expect(await database.db.changeEvent.count({ where: { conversationId: foreign.id } })).toBe(2);
    owner.stop();
    agent.stop();
  });

  it("refuses a subscriber without a session, and ends every stream when the server drains", async () => {
    const anonymous = await fetch(`${baseUrl}/trpc/live.events?input=${encodeURIComponent("{}")}`, { headers: { accept: "text/event-stream" } });
    const body = await anonymous.text();
    expect(body).toContain("UNAUTHORIZED");

    const owner = recordLiveEvents(liveClient(baseUrl, ownerCookie));
    await owner.until((events) => events.length > 0);
    const response = await fetch(`${baseUrl}/trpc/live.events?input=${encodeURIComponent("{}")}`, { headers: { cookie: ownerCookie, accept: "text/event-stream" } });
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("cache-control")).toContain("no-transform");
    const reader = response.body!.getReader();
    let streamed = "";
    while (!streamed.includes('"ready"')) streamed += new TextDecoder().decode((await reader.read()).value);
    // What drainServer does first (apps/api/src/main.ts): every open response finishes, so the
    // server's connections go idle and close; browsers reconnect elsewhere with their last id.
    services.liveFeed.close();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) streamed += new TextDecoder().decode(chunk.value);
    expect(streamed).toContain("event: return");
    await owner.until(() => owner.completed);
  });
});
