import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MockActivityEnvironment } from "@temporalio/testing";
import { DEMO_KNOWLEDGE_BASE, seedDemo } from "@parley/db";
import { nodeKinds } from "@parley/flow";
import { ANSWERABLE_MIN_SCORE, type Embedder, type ReplyGenerator } from "@parley/ai";
import { createActivities, createKnowledgeStore, type Reply, type SearchKnowledgeResult } from "../src";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let database: TestDatabase;
let activities: ReturnType<typeof createActivities>;
let conversationId: string;
const env = new MockActivityEnvironment();

beforeAll(async () => {
  database = await createTestDatabase();
  activities = createActivities({ db: database.db });
  const { db, seed } = database;
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
  const conversation = await db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `wf-${contact.id}` },
  });
  conversationId = conversation.id;
});
afterAll(() => database?.close());

describe("searchKnowledge", () => {
  it("is seeded once: a second seed run adds no knowledge base or document", async () => {
    const count = () => database.db.knowledgeDocument.count({ where: { knowledgeBaseId: database.seed.knowledgeBaseId } });
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(8);
    expect((await seedDemo(database.db)).knowledgeBaseId).toBe(database.seed.knowledgeBaseId);
    expect(await count()).toBe(before);
  });

  it("finds the seeded help center article that answers a question, with its url", async () => {
    const result: SearchKnowledgeResult = await env.run(activities.searchKnowledge, {
      conversationId,
      knowledgeBase: DEMO_KNOWLEDGE_BASE,
      query: "I was charged twice, how do I get my refund?",
    });
    expect(result.knowledgeBaseFound).toBe(true);
    expect(result.passages.length).toBeGreaterThan(0);
    expect(result.passages.length).toBeLessThanOrEqual(3);
    expect(result.passages[0]).toMatchObject({
      title: "I was charged twice",
      url: "https://help.parley.dev/articles/double-charge-refund",
      heading: "Getting a refund for a duplicate charge",
      headingPath: ["Getting a refund for a duplicate charge"],
    });
    expect(result.passages[0]!.score).toBeGreaterThanOrEqual(ANSWERABLE_MIN_SCORE);
    const document = await database.db.knowledgeDocument.findUniqueOrThrow({ where: { id: result.passages[0]!.articleId } });
    expect(document.knowledgeBaseId).toBe(database.seed.knowledgeBaseId);
    // The seed stores documents unchunked; the first search chunked them.
    const chunk = await database.db.knowledgeChunk.findUniqueOrThrow({ where: { id: result.passages[0]!.chunkId! } });
    expect(chunk).toMatchObject({ documentId: document.id, headingPath: ["Getting a refund for a duplicate charge"] });
  });

  it("reads only the conversation's workspace, and the documents as they are now", async () => {
    const store = createKnowledgeStore({ db: database.db });
    const giftCards = { title: "Gift cards", source: { sourceType: "text" as const, content: "We sell gift cards from 10 to 200 euros." } };
    const other = await database.db.workspace.create({ data: { slug: `other-${conversationId}`, name: "Other" } });
    const otherBase = await database.db.knowledgeBase.create({ data: { workspaceId: other.id, name: DEMO_KNOWLEDGE_BASE } });
    await store.addDocument(otherBase.id, giftCards);
    const before: SearchKnowledgeResult = await env.run(activities.searchKnowledge, { conversationId, knowledgeBase: DEMO_KNOWLEDGE_BASE, query: "gift cards" });
    expect(before.passages.some((p) => p.title === "Gift cards")).toBe(false);

    const added = await store.addDocument(database.seed.knowledgeBaseId, giftCards);
    const after: SearchKnowledgeResult = await env.run(activities.searchKnowledge, { conversationId, knowledgeBase: ` ${DEMO_KNOWLEDGE_BASE} `, query: "gift cards", limit: 1 });
    expect(after.passages).toEqual([expect.objectContaining({ articleId: added.id, score: 1 })]);
    expect(after.passages[0]).not.toHaveProperty("url");
    await store.deleteDocument(added.id);
    const gone: SearchKnowledgeResult = await env.run(activities.searchKnowledge, { conversationId, knowledgeBase: DEMO_KNOWLEDGE_BASE, query: "gift cards" });
    expect(gone.passages.some((p) => p.articleId === added.id)).toBe(false);
  });

  it("still answers from BM25 when the embedder is down", async () => {
    const down: Embedder = { name: "down", embed: async () => Promise.reject(new Error("connection refused")) };
    const degraded = createActivities({ db: database.db, embedder: down });
    const result: SearchKnowledgeResult = await env.run(degraded.searchKnowledge, { conversationId, knowledgeBase: DEMO_KNOWLEDGE_BASE, query: "reset my password" });
    expect(result.passages[0]).toMatchObject({ title: "Resetting your password" });
  });

  it("uses the calibrated threshold as the knowledge answer step's default", () => {
    expect(nodeKinds.knowledge_answer.defaults.minScore).toBe(ANSWERABLE_MIN_SCORE);
  });

  it("returns nothing, without failing, for an unknown knowledge base or an empty question", async () => {
    await expect(env.run(activities.searchKnowledge, { conversationId, knowledgeBase: "Nope", query: "refund" })).resolves.toEqual({
      knowledgeBaseFound: false,
      passages: [],
    });
    await expect(env.run(activities.searchKnowledge, { conversationId, knowledgeBase: DEMO_KNOWLEDGE_BASE, query: "  " })).resolves.toEqual({
      knowledgeBaseFound: true,
      passages: [],
    });
  });

  it("fails without retry for an unknown conversation", async () => {
    await expect(env.run(activities.searchKnowledge, { conversationId: "missing", knowledgeBase: DEMO_KNOWLEDGE_BASE, query: "refund" })).rejects.toMatchObject({
      type: "ConversationNotFound",
      nonRetryable: true,
    });
  });
});

describe("generateReply", () => {
  it("answers extractively from the passages found, and says it is unsure without them", async () => {
    const question = "How long does standard delivery take?";
    const { passages }: SearchKnowledgeResult = await env.run(activities.searchKnowledge, { conversationId, knowledgeBase: DEMO_KNOWLEDGE_BASE, query: question });
    const request = { instructions: "Be brief.", question, passages, recentTurns: [{ author: "contact" as const, text: question }], groundedOnly: true, minConfidence: 0.5 };
    const reply: Reply = await env.run(activities.generateReply, request);
    expect(reply).toMatchObject({ confident: true, generator: "extractive", citations: [{ title: "Shipping times" }] });
    expect(reply.confident && reply.text).toContain("Standard delivery takes 3–5 business days");
    await expect(env.run(activities.generateReply, { ...request, passages: [] })).resolves.toMatchObject({ confident: false, generator: "extractive" });
  });

  it("uses the injected generator (the seam for a language model)", async () => {
    const seen: string[] = [];
    const echo: ReplyGenerator = {
      name: "echo",
      async generate(request) {
        seen.push(request.instructions);
        return { confident: true, text: `You asked: ${request.question}`, confidence: 0.9, citations: [], generator: "echo" };
      },
    };
    const custom = createActivities({ db: database.db, replyGenerator: echo });
    const reply: Reply = await env.run(custom.generateReply, { instructions: "Be kind.", question: "hi", passages: [], recentTurns: [], groundedOnly: false, minConfidence: 0.5 });
    expect(reply).toMatchObject({ confident: true, text: "You asked: hi", generator: "echo" });
    expect(seen).toEqual(["Be kind."]);
  });
});
