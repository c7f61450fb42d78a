import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { Client, Connection } from "@temporalio/client";
import { createApiServer } from "../src";
import { signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { LocalSentenceEmbedder } from "@parley/ai";
import { tinyPdf } from "../../../packages/ai/src/knowledge/test-pdf.fixture";

/** Knowledge base administration and the search tester, over real HTTP against a real SQLite database. */

let database: TestDatabase;
let server: ReturnType<typeof createApiServer>;
let baseUrl: string;
let api: ReturnType<typeof testClient>;

beforeAll(async () => {
  database = await createTestDatabase();
  // Knowledge procedures never reach Temporal: a lazy client that is never dialled.
  const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
  server = createApiServer({ services: testServices(database, temporal, "unused") });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = testClient(baseUrl, { cookie: await signIn(baseUrl) });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

async function failure(promise: Promise<unknown>): Promise<{ code: string | undefined; message: string }> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof TRPCClientError) return { code: (err.data as { code?: string } | undefined)?.code, message: err.message };
    throw err;
  }
  throw new Error("expected the call to fail");
}

describe("knowledge over HTTP", () => {
  it("lists the seeded Help center with its documents chunked", async () => {
    const bases = await api.knowledge.bases.list.query();
    const help = bases.find((base) => base.name === "Help center");
    expect(help).toMatchObject({ documentCount: 8 });
    const base = await api.knowledge.bases.get.query({ id: help!.id });
    expect(base.documents).toHaveLength(8);
    expect(base.documents.every((document) => document.chunkCount >= 1 && document.sourceType === "markdown")).toBe(true);
  });

  it("creates a base, adds Markdown, HTML and PDF documents, searches them, edits and deletes", async () => {
    const base = await api.knowledge.bases.create.mutate({ name: "Billing FAQ", description: "Money questions" });
    expect(await failure(api.knowledge.bases.create.mutate({ name: "Billing FAQ" }))).toMatchObject({ code: "CONFLICT" });

    const markdown = await api.knowledge.documents.create.mutate({
      knowledgeBaseId: base.id,
      title: "Refunds",
      url: "https://help.example.com/refunds",
      source: { sourceType: "markdown", content: "# Billing\n\n## Refunds\n\nRefunds reach your card within 5 business days.\n\n## Invoices\n\nInvoices are sent by email every month." },
    });
    expect(markdown).toMatchObject({ title: "Refunds", sourceType: "markdown", chunkCount: 2 });
    const html = await api.knowledge.documents.create.mutate({
      knowledgeBaseId: base.id,
      title: "Vouchers",
      source: { sourceType: "html", content: "<h1>Vouchers</h1><p>Gift vouchers never expire and can be used for any order.</p>" },
    });
    const pdf = await api.knowledge.documents.create.mutate({
      knowledgeBaseId: base.id,
      title: "Price list",
      source: { sourceType: "pdf", base64: Buffer.from(tinyPdf(["The premium plan costs 49 euros per month."])).toString("base64") },
    });
    expect(pdf).toMatchObject({ sourceType: "pdf", chunkCount: 1 });
    expect((await api.knowledge.documents.get.query({ id: pdf.id })).content).toContain("premium plan costs 49 euros");

    const chunks = await api.knowledge.documents.chunks.query({ id: markdown.id });
    expect(chunks.map((chunk) => chunk.headingPath.join(" › "))).toEqual(["Billing › Refunds", "Billing › Invoices"]);

    const refund = await api.knowledge.search.query({ knowledgeBaseId: base.id, query: "how long until my refund reaches the card?" });
    expect(refund).toMatchObject({ answerable: true, retrievers: ["bm25"], confidence: { basis: "coverage" } });
    expect(refund.hits[0]).toMatchObject({ documentId: markdown.id, chunkId: chunks[0]!.id, headingPath: ["Billing", "Refunds"], bm25Rank: 1, url: "https://help.example.com/refunds" });
    expect(refund.hits[0]!.score).toBeGreaterThanOrEqual(refund.minScore);

    const price = await api.knowledge.search.query({ knowledgeBaseId: base.id, query: "what does the premium plan cost" });
    expect(price.hits[0]).toMatchObject({ documentId: pdf.id, title: "Price list" });

    const offTopic = await api.knowledge.search.query({ knowledgeBaseId: base.id, query: "can I bring my dog to the office" });
    expect(offTopic.answerable).toBe(false);
    // The same query with the threshold at zero is "answerable": the verdict follows minScore.
    expect((await api.knowledge.search.query({ knowledgeBaseId: base.id, query: "gift vouchers for my dog", minScore: 0 })).answerable).toBe(true);

    // Editing the content is seen by the next search (the cached index refreshes by revision).
    await api.knowledge.documents.update.mutate({ id: html.id, source: { sourceType: "html", content: "<h1>Vouchers</h1><p>Gift vouchers expire after three years.</p>" } });
    const voucher = await api.knowledge.search.query({ knowledgeBaseId: base.id, query: "do gift vouchers expire" });
    expect(voucher.hits[0]).toMatchObject({ documentId: html.id, text: "Gift vouchers expire after three years." });

    await api.knowledge.documents.delete.mutate({ id: html.id });
    const afterDelete = await api.knowledge.search.query({ knowledgeBaseId: base.id, query: "do gift vouchers expire" });
    expect(afterDelete.hits.some((hit) => hit.documentId === html.id)).toBe(false);

    await api.knowledge.bases.update.mutate({ id: base.id, name: "Billing questions" });
    await api.knowledge.bases.delete.mutate({ id: base.id });
    expect(await failure(api.knowledge.bases.get.query({ id: base.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(await database.db.knowledgeChunk.count({ where: { documentId: markdown.id } })).toBe(0);
  });

  it("refuses bad documents with a clear reason and writes nothing", async () => {
    const base = await api.knowledge.bases.create.mutate({ name: "Bad input" });
    const create = (source: unknown, extra: Record<string, unknown> = {}) =>
      failure(api.knowledge.documents.create.mutate({ knowledgeBaseId: base.id, title: "Doc", source, ...extra } as never));
    expect(await create({ sourceType: "pdf", base64: Buffer.from("hello").toString("base64") })).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("not a PDF") });
    expect(await create({ sourceType: "pdf", base64: "***" })).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("base64") });
    expect(await create({ sourceType: "markdown", content: "# Only a heading" })).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("no text") });
    expect(await create({ sourceType: "docx", content: "x" })).toMatchObject({ code: "BAD_REQUEST" });
    expect(await create({ sourceType: "text", content: "fine" }, { url: "javascript:alert(1)" })).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("http") });
    expect(await create({ sourceType: "pdf", base64: "A".repeat(1_200_000) })).toMatchObject({ code: expect.stringMatching(/BAD_REQUEST|PAYLOAD_TOO_LARGE/) });
    expect(await database.db.knowledgeDocument.count({ where: { knowledgeBaseId: base.id } })).toBe(0);
    expect(await failure(api.knowledge.search.query({ knowledgeBaseId: base.id, query: "   " }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(api.knowledge.search.query({ knowledgeBaseId: "nope", query: "refund" }))).toMatchObject({ code: "NOT_FOUND" });
  });

  it("searches with the local sentence encoder: answers by meaning, refuses off-topic, shows its calibration", async () => {
    const encoder = new LocalSentenceEmbedder();
    // A database of its own: the API keeps one search-index cache per database, made with the embedder it first saw.
    const semanticDatabase = await createTestDatabase();
    const semanticServer = createApiServer({ services: testServices(semanticDatabase, new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) }), "unused", { knowledgeEmbedder: encoder }) });
    await new Promise<void>((resolve) => semanticServer.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(semanticServer.address() as AddressInfo).port}`;
      const semanticApi = testClient(url, { cookie: await signIn(url) });
      const base = await semanticApi.knowledge.bases.create.mutate({ name: "Travel help" });
      const baggage = await semanticApi.knowledge.documents.create.mutate({
        knowledgeBaseId: base.id,
        title: "Lost or damaged baggage",
        source: { sourceType: "markdown", content: "# Baggage\n\n## Lost bags\n\nIf your bag does not arrive, report it at the baggage desk in the arrivals hall before you leave the airport.\n\n## Pets\n\nSmall cats and dogs can travel in the cabin." },
      });
      // Stored with the encoder's vectors, named so a different model re-embeds.
      const rows = await semanticDatabase.db.knowledgeChunk.findMany({ where: { documentId: baggage.id }, select: { embeddingModel: true } });
      expect(rows.map((row) => row.embeddingModel)).toEqual([encoder.name, encoder.name]);

      const lost = await semanticApi.knowledge.search.query({ knowledgeBaseId: base.id, query: "my luggage never arrived at the airport, what should I do" });
      expect(lost).toMatchObject({ answerable: true, confidence: { basis: "similarity", calibratedCut: encoder.answerableSimilarity, atScore: lost.minScore } });
      expect(lost.retrievers).toEqual(["bm25", `embeddings (${encoder.name})`]);
      expect(lost.hits[0]).toMatchObject({ headingPath: ["Baggage", "Lost bags"], semanticRank: 1 });
      const offTopic = await semanticApi.knowledge.search.query({ knowledgeBaseId: base.id, query: "can I earn air miles on my flights" });
      expect(offTopic.answerable).toBe(false);
    } finally {
      await new Promise((resolve) => semanticServer.close(resolve));
      await semanticDatabase.close();
    }
  });
});
