import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ExampleOverlapRecognizer,
  LexiconSentimentAnalyzer,
  NO_ANSWER,
  OpenAIEmbedder,
  OpenAIIntentRecognizer,
  OpenAIReplyGenerator,
  OpenAISentimentAnalyzer,
  classifyOpenAIError,
  createOpenAIConnection,
  openAIProviders,
  type FallbackEvent,
  type IntentSpec,
  type ReplyRequest,
  type ScoredPassage,
} from "../src";
import { hashedBagOfWords, startOpenAIServer, TEST_API_KEY, type ChatRequestBody, type OpenAIServer } from "../../../test/support/openai-server";

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

/** No SDK retries, a short timeout: a test of a failure sees the failure at once. */
const connection = (overrides: { apiKey?: string; timeoutMs?: number } = {}) =>
  createOpenAIConnection({ apiKey: TEST_API_KEY, baseURL: server.baseURL, model: "gpt-test", embeddingModel: "embed-test", timeoutMs: 2000, maxRetries: 0, ...overrides });

const chatBodies = () => server.requestsTo("/v1/chat/completions").map((request) => request.body as ChatRequestBody);

const intents: IntentSpec[] = [
  { name: "billing", examples: ["I was charged twice", "I want a refund"] },
  { name: "shipping", examples: ["where is my parcel", "when does my order arrive"] },
];

const toolCall = (args: unknown) => ({ toolCall: { name: "classify_intent", arguments: JSON.stringify(args) } });

describe("OpenAIIntentRecognizer", () => {
  it("asks through a strict function whose intent is an enum of the router's intents plus fallback", async () => {
    server.respond(() => toolCall({ intent: "billing", confidence: 0.92, alternatives: [{ intent: "shipping", confidence: 0.05 }] }));
    const result = await new OpenAIIntentRecognizer(connection()).recognize("my money back please", intents, { threshold: 0.5 });
    expect(result).toEqual({
      intent: "billing",
      confidence: 0.92,
      ranking: [
        { intent: "billing", score: 0.92 },
        { intent: "shipping", score: 0.05 },
      ],
    });
    const [body] = chatBodies();
    expect(body!.model).toBe("gpt-test");
    expect(body!.messages.at(-1)).toEqual({ role: "user", content: "my money back please" });
    expect(body!.messages[0]!.content).toContain('"where is my parcel"');
    const tool = body!.tools![0]!.function as { name: string; strict: boolean; parameters: { properties: { intent: { enum: string[] } } } };
    expect(tool.name).toBe("classify_intent");
    expect(tool.strict).toBe(true);
    expect(tool.parameters.properties.intent.enum).toEqual(["billing", "shipping", "fallback"]);
    expect(body!.tool_choice).toEqual({ type: "function", function: { name: "classify_intent" } });
  });

  it("falls back under the threshold, keeping the model's confidence", async () => {
    server.respond(() => toolCall({ intent: "shipping", confidence: 0.4, alternatives: [] }));
    const result = await new OpenAIIntentRecognizer(connection()).recognize("hmm", intents, { threshold: 0.6 });
    expect(result).toMatchObject({ intent: "fallback", confidence: 0.4 });
  });

  it.each([
    ["arguments that are not JSON", { toolCall: { name: "classify_intent", arguments: "{intent: billing" } }],
    ["an intent the router does not have", toolCall({ intent: "cancel", confidence: 0.9, alternatives: [] })],
    ["a confidence out of range", toolCall({ intent: "billing", confidence: 7, alternatives: [] })],
    ["text instead of a tool call", { content: "It is billing." }],
  ])("rejects %s as invalid output", async (_, answer) => {
    server.respond(() => answer);
    const error = await new OpenAIIntentRecognizer(connection()).recognize("refund", intents, { threshold: 0.5 }).catch((err: unknown) => err);
    expect(classifyOpenAIError(error)).toBe("invalid_output");
  });
});

describe("OpenAISentimentAnalyzer", () => {
  it("asks for a strict JSON schema and labels the score with the shared cut-offs", async () => {
    server.respond(() => ({ content: JSON.stringify({ score: -0.7, evidence: [{ text: "third time", weight: -0.6 }] }) }));
    const result = await new OpenAISentimentAnalyzer(connection()).analyze("This is the third time I write!");
    expect(result).toEqual({ score: -0.7, label: "negative", evidence: [{ text: "third time", weight: -0.6 }] });
    const format = chatBodies()[0]!.response_format!;
    expect(format.type).toBe("json_schema");
    expect(format.json_schema).toMatchObject({ name: "sentiment", strict: true });
  });

  it("rejects a score outside -1..1", async () => {
    server.respond(() => ({ content: JSON.stringify({ score: -4, evidence: [] }) }));
    const error = await new OpenAISentimentAnalyzer(connection()).analyze("bad").catch((err: unknown) => err);
    expect(classifyOpenAIError(error)).toBe("invalid_output");
  });
});

describe("OpenAIEmbedder", () => {
  it("embeds in batches, in input order, decoding the SDK's base64 transfer", async () => {
    const texts = Array.from({ length: 300 }, (_, i) => `refund request number ${i}`);
    const vectors = await new OpenAIEmbedder(connection()).embed(texts);
    expect(vectors).toHaveLength(300);
    const batches = server.requestsTo("/v1/embeddings").map((request) => (request.body as { input: string[]; model: string }));
    expect(batches.map((batch) => batch.input.length)).toEqual([256, 44]);
    expect(batches[0]!.model).toBe("embed-test");
    // float32 on the wire: equal to the server's vectors at float32 precision.
    vectors[299]!.forEach((value, i) => expect(value).toBeCloseTo(hashedBagOfWords(texts[299]!)[i]!, 6));
  });

  it("fails with a classified error when the API does", async () => {
    server.failEmbeddings(429);
    const error = await new OpenAIEmbedder(connection()).embed(["x"]).catch((err: unknown) => err);
    expect(classifyOpenAIError(error)).toBe("rate_limit");
  });
});

describe("error classification", () => {
  it("tells a wrong key, a timeout and a server error apart", async () => {
    const recognize = (overrides: { apiKey?: string; timeoutMs?: number }) =>
      new OpenAIIntentRecognizer(connection(overrides)).recognize("refund", intents, { threshold: 0.5 }).catch((err: unknown) => err);
    expect(classifyOpenAIError(await recognize({ apiKey: "sk-wrong" }))).toBe("auth");
    expect(server.requests.at(-1)!.authorization).toBe("Bearer sk-wrong");
    server.respond(() => ({ ...toolCall({ intent: "billing", confidence: 1, alternatives: [] }), delayMs: 1000 }));
    expect(classifyOpenAIError(await recognize({ timeoutMs: 100 }))).toBe("timeout");
    server.respond(() => ({ status: 500 }));
    expect(classifyOpenAIError(await recognize({}))).toBe("server");
  });
});

const passages: ScoredPassage[] = [
  {
    articleId: "double-charge",
    title: "I was charged twice",
    url: "https://help.example.com/double-charge",
    heading: "Getting a refund for a duplicate charge",
    text: "If both charges are still there after 5 business days, reply with the dates of both charges. We refund the duplicate charge the same day.",
    score: 0.9,
  },
  { articleId: "shipping", title: "Shipping times", text: "Standard delivery takes 3–5 business days within the EU.", score: 0.3 },
];

const replyRequest = (overrides: Partial<ReplyRequest> = {}): ReplyRequest => ({
  instructions: "You are Parley's friendly support assistant.",
  question: "I was charged twice, can I get my money back?",
  passages,
  recentTurns: [
    { author: "bot", text: "Hi! How can I help?" },
    { author: "contact", text: "I was charged twice, can I get my money back?" },
  ],
  groundedOnly: true,
  minConfidence: 0.5,
  variables: { plan: "Pro", last_message: "I was charged twice, can I get my money back?", email: null },
  ...overrides,
});

describe("OpenAIReplyGenerator", () => {
  it("streams a grounded answer and maps its citations back to the articles", async () => {
    server.respond(() => ({ content: "Yes: if both charges are still there after 5 business days, send us their dates and we refund the duplicate the same day [1]." }));
    const deltas: string[] = [];
    const reply = await new OpenAIReplyGenerator(connection(), { onDelta: (delta) => deltas.push(delta) }).generate(replyRequest());
    expect(reply).toEqual({
      confident: true,
      text: "Yes: if both charges are still there after 5 business days, send us their dates and we refund the duplicate the same day [1].",
      confidence: 0.9,
      citations: [{ articleId: "double-charge", title: "I was charged twice", url: "https://help.example.com/double-charge" }],
      generator: "openai:gpt-test",
    });
    expect(deltas.length).toBeGreaterThan(5); // it really streamed, piece by piece
    const body = chatBodies()[0]!;
    expect(body.stream).toBe(true);
    const system = body.messages[0]!.content!;
    expect(system).toMatch(/^You are Parley's friendly support assistant\./);
    expect(system).toContain("[1] I was charged twice › Getting a refund for a duplicate charge\nIf both charges");
    expect(system).toContain("[2] Shipping times\n");
    expect(system).toContain(`reply exactly ${NO_ANSWER}`);
    expect(system).toContain("- plan: Pro");
    expect(system).not.toContain("last_message");
    expect(body.messages.slice(1)).toEqual([
      { role: "assistant", content: "Hi! How can I help?" },
      { role: "user", content: "I was charged twice, can I get my money back?" },
    ]);
  });

  it("renumbers the markers to the citations it shows, drops markers to no source", async () => {
    server.respond(() => ({ content: "Delivery takes 3–5 days [2], refunds are same-day [1][7]." }));
    const reply = await new OpenAIReplyGenerator(connection()).generate(replyRequest({ minConfidence: 0.2 }));
    expect(reply).toMatchObject({
      confident: true,
      text: "Delivery takes 3–5 days [1], refunds are same-day [2].",
      citations: [{ articleId: "shipping" }, { articleId: "double-charge" }],
      confidence: 0.9,
    });
  });

  it("is unsure when the model says the sources do not contain the answer", async () => {
    server.respond(() => ({ content: NO_ANSWER }));
    expect(await new OpenAIReplyGenerator(connection()).generate(replyRequest({ question: "Do you sell gift cards?" }))).toEqual({
      confident: false,
      confidence: 0,
      reason: "the sources do not contain the answer",
      generator: "openai:gpt-test",
    });
  });

  it("is unsure when a grounded-only answer cites nothing, or cites only weak sources", async () => {
    server.respond(() => ({ content: "Sure, we can do that." }));
    expect(await new OpenAIReplyGenerator(connection()).generate(replyRequest())).toMatchObject({ confident: false, reason: "the answer cites none of the sources" });
    server.respond(() => ({ content: "Delivery takes a few days [2]." }));
    expect(await new OpenAIReplyGenerator(connection()).generate(replyRequest())).toMatchObject({ confident: false, confidence: 0.3 });
  });

  it("may answer without sources when the node allows it", async () => {
    server.respond(() => ({ content: "Hello! I can help with billing and delivery questions." }));
    const reply = await new OpenAIReplyGenerator(connection()).generate(replyRequest({ passages: [], groundedOnly: false, question: "hi" }));
    expect(reply).toMatchObject({ confident: true, citations: [], confidence: 0.5 });
    expect(chatBodies()[0]!.messages.at(-1)).toEqual({ role: "user", content: "hi" });
  });
});

describe("openAIProviders (OpenAI with local fallbacks)", () => {
  const providers = (events: FallbackEvent[]) =>
    openAIProviders(
      { apiKey: TEST_API_KEY, baseURL: server.baseURL, model: "gpt-test", timeoutMs: 300, maxRetries: 0 },
      { intentRecognizer: new ExampleOverlapRecognizer(), sentimentAnalyzer: new LexiconSentimentAnalyzer() },
      { onFallback: (event) => events.push(event) },
    );

  it("answers with OpenAI when it works, saying so", async () => {
    const events: FallbackEvent[] = [];
    server.respond(() => toolCall({ intent: "shipping", confidence: 0.8, alternatives: [] }));
    const result = await providers(events).intentRecognizer.recognize("has my stuff left the warehouse", intents, { threshold: 0.5 });
    expect(result).toMatchObject({ intent: "shipping", engine: "openai:gpt-test" });
    expect(events).toEqual([]);
  });

  it.each([
    ["a 500", () => ({ status: 500 }), "server"],
    ["a timeout", () => ({ content: "{}", delayMs: 2000 }), "timeout"],
    ["garbage output", () => ({ content: "not json at all" }), "invalid_output"],
  ] as const)("falls back to the local engines on %s", async (_, answer, kind) => {
    const events: FallbackEvent[] = [];
    server.respond(answer);
    const ai = providers(events);
    const intent = await ai.intentRecognizer.recognize("I was charged twice", intents, { threshold: 0.3 });
    expect(intent).toMatchObject({ intent: "billing", engine: "local" });
    const sentiment = await ai.sentimentAnalyzer.analyze("This is terrible, nothing works!");
    expect(sentiment).toMatchObject({ label: "negative", engine: "local" });
    expect(events.map((event) => [event.task, event.kind, event.fallback])).toEqual([
      ["intent", kind === "invalid_output" ? "invalid_output" : kind, "local"],
      ["sentiment", kind, "local"],
    ]);
  });

  it("falls back to the extractive reply when the chat call fails", async () => {
    const events: FallbackEvent[] = [];
    server.respond(() => ({ status: 503 }));
    const reply = await providers(events).replyGenerator.generate(replyRequest());
    expect(reply).toMatchObject({ confident: true, generator: "extractive", citations: [{ articleId: "double-charge" }] });
    expect(reply).not.toHaveProperty("engine");
    expect(events).toMatchObject([{ task: "reply", kind: "server", primary: "openai:gpt-test", fallback: "extractive" }]);
  });

  it("summarises a handoff with the model, or extractively when it fails", async () => {
    const events: FallbackEvent[] = [];
    const ai = providers(events);
    const request = { turns: replyRequest().recentTurns, variables: { plan: "Pro" }, sentiment: { score: -0.5, label: "negative" as const } };
    server.respond(() => ({ content: "Customer on Pro was charged twice and wants a refund." }));
    expect(await ai.handoffSummarizer.summarize(request)).toEqual({ text: "Customer on Pro was charged twice and wants a refund.", by: "openai:gpt-test" });
    expect(chatBodies()[0]!.messages[1]!.content).toContain("Customer: I was charged twice");
    server.respond(() => ({ status: 500 }));
    const local = await ai.handoffSummarizer.summarize(request);
    expect(local.by).toBe("extractive");
    expect(local.text).toContain('Wants: "I was charged twice, can I get my money back?"');
  });
});
