// Conversations over the API's HTTP endpoints (support/http-stack.ts), and the clear 4xx a bad
// request gets instead of a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttpStack, type HttpStack } from "./support/http-stack";

let http: HttpStack;
beforeAll(async () => {
  http = await startHttpStack("http-conversations");
});
afterAll(() => http?.close());

describe("conversations over HTTP", () => {
  it("runs the demo flow from start to resolution and keeps the transcript", async () => {
    const started = await http.api.conversations.start.mutate({
      flowId: http.database.seed.flowId,
      contact: { name: "Grace", email: "grace@example.com" },
    });
    expect(started.status).toBe("active");
    expect(started.replies.map((reply) => reply.text)).toEqual([
      "Hi! I'm Parley, the support assistant.",
      "What's your name?",
    ]);

    const first = await http.api.conversations.send.mutate({ conversationId: started.conversationId, text: "Grace" });
    expect(first.replies.map((reply) => reply.text)).toEqual(["Thanks Grace. What can I help you with today?"]);
    const second = await http.api.conversations.send.mutate({ conversationId: started.conversationId, text: "Refund please" });
    expect(second.status).toBe("resolved");

    const conversation = await http.api.conversations.get.query({ id: started.conversationId });
    expect(conversation.status).toBe("resolved");
    expect(conversation.workflowId).toBe(started.conversationId);
    expect(conversation.contact).toMatchObject({ name: "Grace", email: "grace@example.com" });
    expect(conversation.flow).toMatchObject({ name: "Support intake", version: 1 });
    expect(conversation.messages.map((message) => message.author)).toEqual(["bot", "bot", "contact", "bot", "contact", "bot"]);

    const listed = await http.api.conversations.list.query({ status: "resolved" });
    const item = listed.find((entry) => entry.id === started.conversationId);
    expect(item).toMatchObject({ messageCount: 6, contactName: "Grace", lastMessage: { author: "bot" } });
    expect(item?.lastMessage?.text).toContain("Refund please");
  });

  it("applies a resent message once when the client gives it an id", async () => {
    const started = await http.api.conversations.start.mutate({ flowId: http.database.seed.flowId });
    const message = { conversationId: started.conversationId, text: "Ada", clientMessageId: "web-1" };
    const first = await http.api.conversations.send.mutate(message);
    const again = await http.api.conversations.send.mutate(message);
    expect(again).toEqual(first);
    const conversation = await http.api.conversations.get.query({ id: started.conversationId });
    expect(conversation.messages.filter((m) => m.author === "contact")).toHaveLength(1);
    const bad = await http.post("conversations.send", JSON.stringify({ ...message, clientMessageId: "has spaces" }));
    expect(bad.status).toBe(400);
  });

  it("refuses messages to an ended conversation with 412", async () => {
    const started = await http.api.conversations.start.mutate({ flowId: http.database.seed.flowId });
    await http.api.conversations.send.mutate({ conversationId: started.conversationId, text: "Ada" });
    await http.api.conversations.send.mutate({ conversationId: started.conversationId, text: "Billing" });
    const late = await http.post("conversations.send", JSON.stringify({ conversationId: started.conversationId, text: "hello?" }));
    expect(late.status).toBe(412);
    expect(late.body.error?.message).toMatch(/resolved/);
  });
});

describe("bad requests get clear 4xx errors", () => {
  it("wrong types name the field", async () => {
    const response = await http.post("conversations.send", JSON.stringify({ conversationId: 42, text: ["hi"] }));
    expect(response.status).toBe(400);
    const fieldErrors = (response.body.error?.data.zodError as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fieldErrors).sort()).toEqual(["conversationId", "text"]);
  });

  it("unknown ids are 404", async () => {
    expect((await http.post("conversations.send", JSON.stringify({ conversationId: "nope", text: "hi" }))).status).toBe(404);
    expect((await http.get("conversations.get", { id: "nope" })).status).toBe(404);
    expect((await http.get("flows.get", { id: "nope" })).status).toBe(404);
    expect((await http.post("conversations.start", JSON.stringify({ flowId: "nope" }))).status).toBe(404);
  });

  it("oversized text is refused before it reaches the workflow", async () => {
    const started = await http.api.conversations.start.mutate({ flowId: http.database.seed.flowId });
    const response = await http.post(
      "conversations.send",
      JSON.stringify({ conversationId: started.conversationId, text: "x".repeat(4001) }),
    );
    expect(response.status).toBe(400);
    expect(response.body.error?.message).toMatch(/longer than 4000/);
    const conversation = await http.api.conversations.get.query({ id: started.conversationId });
    expect(conversation.messages).toHaveLength(2);
  });

  it("malformed JSON, oversized bodies, unknown procedures and paths", async () => {
    expect((await http.post("conversations.send", "{not json")).status).toBe(400);
    expect((await http.post("conversations.send", JSON.stringify({ text: "y".repeat(2_000_000) }))).status).toBe(413);
    expect((await http.post("conversations.nope", "{}")).status).toBe(404);
    expect((await fetch(`${http.baseUrl}/elsewhere`)).status).toBe(404);
    expect(await (await fetch(`${http.baseUrl}/health`)).json()).toEqual({ ok: true });
  });

  it("an invalid email in the contact is a 400", async () => {
    const response = await http.post("conversations.start", JSON.stringify({ flowId: http.database.seed.flowId, contact: { email: "not-an-email" } }));
    expect(response.status).toBe(400);
  });
});
