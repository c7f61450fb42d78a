import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_KNOWLEDGE_BASE } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import type { FallbackEvent } from "@parley/ai";
import { aiActivityDeps } from "../src";
import { conversationHarness } from "../../../packages/workflows/test/support/harness";
import { startOpenAIServer, TEST_API_KEY, type ChatRequestBody, type OpenAIServer } from "../../../test/support/openai-server";

/**
 * The worker composed as with OPENAI_API_KEY and OPENAI_BASE_URL set, against the local
 * OpenAI-compatible server: real Temporal, real database, the real `openai` SDK on loopback.
 */
let server: OpenAIServer;
const fallbacks: FallbackEvent[] = [];
// Registered before the harness's own beforeAll, so the server is up when the worker is built.
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server?.close());
beforeEach(() => {
  server.reset();
  fallbacks.length = 0;
});

const harness = conversationHarness({
  taskQueuePrefix: "worker-openai-test",
  worker: {
    // A getter: read when the harness builds the worker, after the server above has started.
    get activityDeps() {
      return aiActivityDeps(
        { apiKey: TEST_API_KEY, baseURL: server.baseURL, model: "gpt-test", embeddingModel: "embed-test", timeoutMs: 2000, maxRetries: 0 },
        (event) => fallbacks.push(event),
      );
    },
  },
});

/** start → ask → ai_reply (grounded on the demo help center) → "way: replied" | handoff node. */
const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "ask", kind: "ask", position: { x: 0, y: 100 }, config: { question: "How can I help?", variable: "question" } },
    {
      id: "ai",
      kind: "ai_reply",
      position: { x: 0, y: 200 },
      config: { knowledgeBase: DEMO_KNOWLEDGE_BASE, question: "{{question}}", variable: "ai_answer", instructions: "You are Parley's support assistant. Be brief." },
    },
    { id: "replied", kind: "end", position: { x: 0, y: 300 }, config: { status: "resolved", message: "way: replied" } },
    { id: "people", kind: "handoff", position: { x: 200, y: 300 }, config: { message: "Let me get a teammate.", team: "Support" } },
    { id: "done", kind: "end", position: { x: 200, y: 400 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "ask" },
    { id: "e2", source: "ask", sourcePort: "answered", target: "ai" },
    { id: "e3", source: "ai", sourcePort: "replied", target: "replied" },
    { id: "e4", source: "ai", sourcePort: "handoff", target: "people" },
    { id: "e5", source: "people", sourcePort: "resolved", target: "done" },
    { id: "e6", source: "people", sourcePort: "returned", target: "done" },
  ],
};

/** The number the prompt gave the source titled `title` ("[n] Title"), or null. */
function sourceNumber(body: ChatRequestBody, title: string): number | null {
  const match = body.messages[0]!.content!.match(new RegExp(`^\\[(\\d+)\\] ${title}`, "m"));
  return match ? Number(match[1]) : null;
}

const isReply = (body: ChatRequestBody) => body.stream === true;
const isSummary = (body: ChatRequestBody) => body.messages[0]!.content!.startsWith("A support bot is handing");
const isAssessment = (body: ChatRequestBody) => body.messages[0]!.content!.startsWith("You review finished customer support conversations");

describe("worker with OpenAI configured", () => {
  it("answers an ai_reply node with a streamed, grounded completion citing the help center article", async () => {
    server.respond((body) => {
      const n = sourceNumber(body, "I was charged twice");
      return isReply(body) && n ? { content: `Sorry about that! Send us the dates of both charges and we refund the duplicate the same day [${n}].` } : { status: 400 };
    });
    const { id, handle, say } = await harness.run(graph);
    const turn = await say("I was charged twice, can I get a refund?");
    expect(turn.replies.map((reply) => reply.text)).toEqual([
      "Sorry about that! Send us the dates of both charges and we refund the duplicate the same day [1].",
      "way: replied",
    ]);
    const article = await harness.database.db.knowledgeDocument.findFirstOrThrow({ where: { title: "I was charged twice" } });
    expect(turn.replies[0]!.meta).toEqual({
      citations: [{ articleId: article.id, title: "I was charged twice", url: "https://help.parley.dev/articles/double-charge-refund" }],
      generated: { by: "openai:gpt-test", confidence: expect.any(Number) },
    });
    expect((await handle.result()).variables.ai_answer).toBe(turn.replies[0]!.text);
    const stored = await harness.database.db.message.findFirstOrThrow({ where: { conversationId: id, author: "bot", text: { startsWith: "Sorry" } } });
    expect(stored.meta).toMatchObject({ generated: { by: "openai:gpt-test" } });

    // What the SDK sent: the configured model, a stream, the node's instructions and the sources;
    // the knowledge search embedded the question with the configured embedding model.
    // (The finished conversation's written quality assessment is a request of its own, tested below.)
    const chat = server.requestsTo("/v1/chat/completions").map((request) => request.body as ChatRequestBody).filter((body) => !isAssessment(body));
    expect(chat).toHaveLength(1);
    expect(chat[0]).toMatchObject({ model: "gpt-test", stream: true });
    expect(chat[0]!.messages[0]!.content).toMatch(/^You are Parley's support assistant\. Be brief\./);
    // Conversation memory: the flow's variables (the ask node's answer) reach the prompt as facts.
    expect(chat[0]!.messages[0]!.content).toContain("Known about this conversation:\n- question: I was charged twice, can I get a refund?");
    expect(chat[0]!.messages.at(-1)).toEqual({ role: "user", content: "I was charged twice, can I get a refund?" });
    const embeddings = server.requestsTo("/v1/embeddings").map((request) => request.body as { model: string; input: string[] });
    expect(embeddings.some((body) => body.model === "embed-test" && body.input.includes("I was charged twice, can I get a refund?"))).toBe(true);
    expect(fallbacks).toEqual([]);
  });

  it("falls back to the extractive reply when the chat API fails, and says so in the message meta", async () => {
    server.respond(() => ({ status: 500 }));
    const { handle, say } = await harness.run(graph);
    const turn = await say("I was charged twice, can I get a refund?");
    expect(turn.replies.map((reply) => reply.text)).toEqual([expect.stringContaining("charge"), "way: replied"]);
    expect(turn.replies[0]!.meta).toMatchObject({ citations: [{ title: "I was charged twice" }], generated: { by: "extractive" } });
    expect(fallbacks).toMatchObject([{ task: "reply", kind: "server", fallback: "extractive" }]);
    await handle.result();
  });

  it("hands off when the model finds no answer in the sources, with a model-written summary for the agent", async () => {
    server.respond((body) => {
      if (isReply(body)) return { content: "NO_ANSWER" };
      if (isSummary(body)) return { content: "Customer wants to know about gift cards; the help center has nothing on them." };
      return { status: 400 };
    });
    const { id, handle, say } = await harness.run(graph);
    const turn = await say("Do you sell gift cards for shipping?");
    expect(turn.replies.map((reply) => reply.text)).toEqual(["Let me get a teammate."]);
    expect(turn.status).toBe("handoff");
    const notes = (await harness.database.db.message.findMany({ where: { conversationId: id, author: "system" }, orderBy: { seq: "asc" } })).map((m) => m.text);
    expect(notes).toEqual([
      "ai: no AI reply (openai:gpt-test is unsure: the sources do not contain the answer)",
      "Handed off to Support (normal priority)",
      "Summary for the agent (openai:gpt-test):\nCustomer wants to know about gift cards; the help center has nothing on them.",
    ]);
    const summaryRequest = server.requestsTo("/v1/chat/completions").map((request) => request.body as ChatRequestBody).find(isSummary)!;
    expect(summaryRequest.messages[1]!.content).toContain("Customer: Do you sell gift cards for shipping?");
    await handle.terminate("test done");
  });

  /** ask → intent router (billing, shipping) → sentiment gate on billing; each exit says its way. */
  const routing: FlowGraph = {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "ask", kind: "ask", position: { x: 0, y: 100 }, config: { question: "How can I help?", variable: "topic" } },
      {
        id: "router",
        kind: "intent_router",
        position: { x: 0, y: 200 },
        config: {
          intents: [
            { name: "billing", examples: ["I was charged twice", "I want a refund", "question about my bill"] },
            { name: "shipping", examples: ["where is my order", "my package has not arrived"] },
          ],
          threshold: 0.5,
        },
      },
      { id: "mood", kind: "sentiment_gate", position: { x: 0, y: 300 }, config: { threshold: -0.3, variable: "mood" } },
      { id: "upset", kind: "end", position: { x: 0, y: 400 }, config: { status: "resolved", message: "way: billing, upset ({{mood}})" } },
      { id: "calm", kind: "end", position: { x: 100, y: 400 }, config: { status: "resolved", message: "way: billing, calm ({{mood}})" } },
      { id: "shipping", kind: "end", position: { x: 200, y: 400 }, config: { status: "resolved", message: "way: shipping ({{intent_confidence}})" } },
      { id: "fallback", kind: "end", position: { x: 300, y: 400 }, config: { status: "resolved", message: "way: fallback" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "ask" },
      { id: "e2", source: "ask", sourcePort: "answered", target: "router" },
      { id: "e3", source: "router", sourcePort: "intent:billing", target: "mood" },
      { id: "e4", source: "router", sourcePort: "intent:shipping", target: "shipping" },
      { id: "e5", source: "router", sourcePort: "fallback", target: "fallback" },
      { id: "e6", source: "mood", sourcePort: "negative", target: "upset" },
      { id: "e7", source: "mood", sourcePort: "ok", target: "calm" },
    ],
  };

  it("adds a written rubric assessment to a finished conversation's quality score, and keeps the score alone when the model fails", async () => {
    const rubric = "Understanding: quick.\nAccuracy: fine.\nResolution: met.\nTone: friendly.\nEffort: low.\nImprove: confirm the order number.";
    server.respond((body) => {
      if (body.tools) return { toolCall: { name: "classify_intent", arguments: JSON.stringify({ intent: "shipping", confidence: 0.87, alternatives: [] }) } };
      if (isAssessment(body)) return { content: rubric };
      return { status: 400 };
    });
    const done = await harness.run(routing);
    await done.say("Has the courier picked up the thing I bought?");
    await done.handle.result();
    // Written after the ending turn's activity answered (off its path).
    const stored = () => harness.database.db.conversation.findUniqueOrThrow({ where: { id: done.id }, select: { qualityScore: true, qualityAssessment: true } });
    await expect.poll(async () => (await stored()).qualityAssessment).toEqual({ text: rubric, by: "openai:gpt-test" });
    const conversation = await stored();
    // The model read the rubric, the signal score it explains and the conversation.
    const asked = server.requestsTo("/v1/chat/completions").map((request) => request.body as ChatRequestBody).filter(isAssessment);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.messages[0]!.content).toContain("Effort: did the customer have to repeat themselves or wait?");
    expect(asked[0]!.messages[1]!.content).toContain(`Signal score: ${conversation.qualityScore}/100`);
    expect(asked[0]!.messages[1]!.content).toContain("Customer: Has the courier picked up the thing I bought?");

    server.reset();
    server.respond((body) => (body.tools ? { toolCall: { name: "classify_intent", arguments: JSON.stringify({ intent: "shipping", confidence: 0.9, alternatives: [] }) } } : { status: 500 }));
    const failed = await harness.run(routing);
    await failed.say("Where is my parcel right now?");
    await failed.handle.result();
    await expect.poll(() => server.requestsTo("/v1/chat/completions").filter((request) => isAssessment(request.body as ChatRequestBody)).length).toBe(1);
    const scored = await harness.database.db.conversation.findUniqueOrThrow({ where: { id: failed.id }, select: { qualityScore: true, qualityAssessment: true } });
    expect(scored.qualityScore).not.toBeNull();
    expect(scored.qualityAssessment).toBeNull();
  });

  it("routes intents and gates sentiment with the model, and with the local models when it fails", async () => {
    server.respond((body) => {
      // Nothing in the examples shares a word with this message: the model's answer decides.
      if (body.tools) return { toolCall: { name: "classify_intent", arguments: JSON.stringify({ intent: "shipping", confidence: 0.87, alternatives: [] }) } };
      return { status: 400 };
    });
    const routed = await harness.run(routing);
    expect((await routed.say("Has the courier picked up the thing I bought?")).replies.map((r) => r.text)).toEqual(["way: shipping (0.87)"]);
    await routed.handle.result();
    const sent = server.requestsTo("/v1/chat/completions").map((request) => request.body as ChatRequestBody);
    expect(sent[0]!.messages.at(-1)).toEqual({ role: "user", content: "Has the courier picked up the thing I bought?" });

    server.reset();
    fallbacks.length = 0;
    server.respond(() => ({ status: 500 }));
    const local = await harness.run(routing);
    const turn = await local.say("I was charged twice and this is absolutely terrible, I am furious!");
    expect(turn.replies.map((r) => r.text)).toEqual([expect.stringMatching(/^way: billing, upset \(-0\.\d+\)$/)]);
    expect(fallbacks.map((event) => [event.task, event.kind, event.fallback])).toEqual([
      ["intent", "server", "local"],
      ["sentiment", "server", "local"],
    ]);
    await local.handle.result();
  });
});
