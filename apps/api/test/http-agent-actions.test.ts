// Agent actions over the API's HTTP endpoints (support/http-stack.ts): assign, reply, resolve,
// hand back, as the agent signed in as themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, testClient } from "../../../test/support/api";
import { startHttpStack, type HttpStack } from "./support/http-stack";

let http: HttpStack;
beforeAll(async () => {
  http = await startHttpStack("http-agent-actions");
});
afterAll(() => http?.close());

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
    const { id: flowId } = await http.api.flows.create.mutate({ name: "Handoff" });
    const saved = await http.api.flows.saveDraft.mutate({ id: flowId, graph: handoffFlow });
    expect(saved.issues.filter((issue) => issue.severity === "error")).toEqual([]);
    await http.api.flows.publish.mutate({ id: flowId });

    const agents = await http.api.users.list.query();
    const agent = agents.find((user) => user.role === "agent")!;
    // The agent works the inbox signed in as themselves; the customer holds the conversation's token.
    const asAgent = testClient(http.baseUrl, { cookie: await signIn(http.baseUrl, "agent@parley.dev") });
    const started = await http.api.conversations.start.mutate({ flowId });
    const turn = await http.api.conversations.send.mutate({ conversationId: started.conversationId, text: "My refund" });
    expect(turn.status).toBe("handoff");

    // The flow hands off to Billing: an agent's inbox shows their teams' queues only, so the agent
    // sees it (and takes it) once an admin has put them in that team.
    const notMine = await asAgent.conversations.list.query({ status: "handoff" });
    expect(notMine.find((c) => c.id === started.conversationId)).toBeUndefined();
    const billing = (await http.api.teams.names.query()).find((team) => team.name === "Billing")!;
    await http.api.teams.addMember.mutate({ teamId: billing.id, userId: agent.id });
    const listed = await asAgent.conversations.list.query({ status: "handoff" });
    expect(listed.find((c) => c.id === started.conversationId)).toMatchObject({ team: "Billing", priority: "normal" });
    await asAgent.conversations.assign.mutate({ conversationId: started.conversationId, agentId: agent.id });
    await asAgent.conversations.reply.mutate({ conversationId: started.conversationId, text: "On it!" });
    const seen = await until(
      () => http.api.conversations.messagesSince.query({ conversationId: started.conversationId, afterSeq: 0 }),
      (result) => result.messages.some((message) => message.author === "agent"),
    );
    expect(seen.messages.map((message) => message.author)).not.toContain("system");
    const detail = await until(
      () => http.api.conversations.get.query({ id: started.conversationId }),
      (conversation) => conversation.assignee?.id === agent.id,
    );
    expect(detail.messages.find((message) => message.author === "agent")).toMatchObject({ text: "On it!", authorId: agent.id });

    await asAgent.conversations.resolve.mutate({ conversationId: started.conversationId });
    await until(
      () => http.api.conversations.get.query({ id: started.conversationId }),
      (conversation) => conversation.status === "resolved",
    );
    const late = await http.post("conversations.reply", JSON.stringify({ conversationId: started.conversationId, text: "hi" }));
    expect(late.status).toBe(412);
    const counts = await http.api.conversations.counts.query();
    expect(counts.resolved).toBeGreaterThanOrEqual(1);
    expect(counts.all).toBe(counts.active + counts.handoff + counts.resolved + counts.closed);
  });

  it("returns the customer's message as recorded, and refuses to hand back what the bot has", async () => {
    const started = await http.api.conversations.start.mutate({ flowId: http.database.seed.flowId });
    const turn = await http.api.conversations.send.mutate({ conversationId: started.conversationId, text: "Ada" });
    expect(turn.accepted).toEqual({ id: `${started.conversationId}-3`, seq: 3 });
    const handBack = await http.post("conversations.handBack", JSON.stringify({ conversationId: started.conversationId }));
    expect(handBack.status).toBe(412);
    expect(handBack.body.error?.message).toMatch(/bot already has/);
  });

  it("rejects unknown agents and conversations", async () => {
    const started = await http.api.conversations.start.mutate({ flowId: http.database.seed.flowId });
    const unknownAgent = await http.post("conversations.assign", JSON.stringify({ conversationId: started.conversationId, agentId: "ghost" }));
    expect(unknownAgent.status).toBe(404);
    const unknownConversation = await http.post("conversations.resolve", JSON.stringify({ conversationId: "ghost" }));
    expect(unknownConversation.status).toBe(404);
    const empty = await http.post("conversations.reply", JSON.stringify({ conversationId: started.conversationId, text: " " }));
    expect(empty.status).toBe(400);
  });
});
