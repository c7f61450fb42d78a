import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KnowledgeIngestError, type Embedder } from "@parley/ai";
import { createKnowledgeStore, KnowledgeIndexCache } from "../src";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { tinyPdf } from "../../ai/src/knowledge/test-pdf.fixture";

let database: TestDatabase;
let baseId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const base = await database.db.knowledgeBase.create({ data: { workspaceId: database.seed.workspaceId, name: `Store test ${Date.now()}` } });
  baseId = base.id;
});
afterAll(() => database?.close());

/** A real local embedder: counts of a few topic words, so vectors are deterministic and meaningful. */
class TopicEmbedder implements Embedder {
  readonly name = "topics-v1";
  calls = 0;
  fail = false;
  async embed(texts: readonly string[]): Promise<number[][]> {
    this.calls++;
    if (this.fail) throw new Error("embedding service unavailable");
    const topics = ["refund", "ship", "password", "invoice"];
    return texts.map((text) => topics.map((topic) => (text.toLowerCase().match(new RegExp(topic, "g")) ?? []).length));
  }
}

const revision = async () => (await database.db.knowledgeBase.findUniqueOrThrow({ where: { id: baseId } })).revision;

describe("knowledge store and index cache", () => {
  it("stores chunks with heading paths, bumps the revision, and the cache refreshes only what changed", async () => {
    const store = createKnowledgeStore({ db: database.db });
    const cache = new KnowledgeIndexCache(database.db);
    const start = await revision();
    const billing = await store.addDocument(baseId, {
      title: "Billing",
      url: "https://help.example.com/billing",
      source: { sourceType: "html", content: "<h1>Billing</h1><h2>Refunds</h2><p>Refunds reach your card within 5 days.</p><h2>Invoices</h2><p>Invoices are PDF files.</p>" },
    });
    const shipping = await store.addDocument(baseId, { title: "Shipping", source: { sourceType: "markdown", content: "## Times\n\nParcels ship the same day." } });
    expect(await revision()).toBe(start + 2);
    const chunks = await database.db.knowledgeChunk.findMany({ where: { documentId: billing.id }, orderBy: { ordinal: "asc" } });
    expect(chunks.map((c) => [c.headingPath, c.text])).toEqual([
      [["Billing", "Refunds"], "Refunds reach your card within 5 days."],
      [["Billing", "Invoices"], "Invoices are PDF files."],
    ]);

    const first = await cache.index(baseId);
    expect(first.stats).toEqual({ refreshed: true, upserted: 2, removed: 0 });
    expect(first.index.search("when does my refund arrive")[0]!.chunk).toMatchObject({ documentId: billing.id, headingPath: ["Billing", "Refunds"], url: "https://help.example.com/billing" });
    expect((await cache.index(baseId)).stats).toEqual({ refreshed: false, upserted: 0, removed: 0 });

    await store.updateDocument(shipping.id, { source: { sourceType: "markdown", content: "## Times\n\nParcels ship within two days." } });
    await store.deleteDocument(billing.id);
    const after = await cache.index(baseId);
    expect(after.stats).toEqual({ refreshed: true, upserted: 1, removed: 1 });
    expect(after.index.search("refund")).toEqual([]);
    expect(after.index.search("when do parcels ship")[0]!.chunk.text).toBe("Parcels ship within two days.");
    await store.deleteDocument(shipping.id);
  });

  it("chunks seeded documents once, even when two processes ask at the same time", async () => {
    const help = database.seed.knowledgeBaseId;
    const unchunked = await database.db.knowledgeDocument.count({ where: { knowledgeBaseId: help, chunkerVersion: null } });
    expect(unchunked).toBeGreaterThanOrEqual(8);
    const [a, b] = await Promise.all([createKnowledgeStore({ db: database.db }).ensureChunks(help), createKnowledgeStore({ db: database.db }).ensureChunks(help)]);
    expect(a + b).toBeGreaterThanOrEqual(unchunked);
    const chunks = await database.db.knowledgeChunk.findMany({ where: { document: { knowledgeBaseId: help } }, select: { documentId: true, ordinal: true } });
    expect(new Set(chunks.map((c) => `${c.documentId}#${c.ordinal}`)).size).toBe(chunks.length);
    expect(new Set(chunks.map((c) => c.documentId)).size).toBe(unchunked);
    expect(await database.db.knowledgeDocument.count({ where: { knowledgeBaseId: help, chunkerVersion: null } })).toBe(0);
  });

  it("ingests a PDF's text, and refuses bad input without writing anything", async () => {
    const store = createKnowledgeStore({ db: database.db });
    const pdf = await store.addDocument(baseId, { title: "Returns (PDF)", source: { sourceType: "pdf", content: tinyPdf(["Returns are free within 30 days of delivery."]) } });
    expect(pdf).toMatchObject({ sourceType: "pdf", content: expect.stringContaining("Returns are free within 30 days") });
    expect(pdf.sizeBytes).toBeGreaterThan(300);

    const before = { documents: await database.db.knowledgeDocument.count(), revision: await revision() };
    await expect(store.addDocument(baseId, { title: "Broken", source: { sourceType: "pdf", content: new TextEncoder().encode("%PDF-1.4 garbage") } })).rejects.toBeInstanceOf(KnowledgeIngestError);
    await expect(store.addDocument(baseId, { title: "Empty", source: { sourceType: "markdown", content: "# Just a heading" } })).rejects.toMatchObject({ code: "empty" });
    await expect(store.updateDocument(pdf.id, { source: { sourceType: "html", content: "<p> </p>" } })).rejects.toMatchObject({ code: "empty" });
    expect({ documents: await database.db.knowledgeDocument.count(), revision: await revision() }).toEqual(before);
    expect((await database.db.knowledgeDocument.findUniqueOrThrow({ where: { id: pdf.id } })).content).toContain("Returns are free");
    await store.deleteDocument(pdf.id);
  });

  it("stores embeddings at ingest, fills in missing ones when indexing, and degrades to BM25 when the embedder fails", async () => {
    const embedder = new TopicEmbedder();
    embedder.fail = true;
    const store = createKnowledgeStore({ db: database.db, embedder });
    const doc = await store.addDocument(baseId, { title: "Refunds", source: { sourceType: "text", content: "A refund is paid back to the card you used." } });
    expect((await database.db.knowledgeChunk.findFirstOrThrow({ where: { documentId: doc.id } })).embedding).toBeNull();

    embedder.fail = false;
    const cache = new KnowledgeIndexCache(database.db, embedder);
    const { index } = await cache.index(baseId);
    const stored = await database.db.knowledgeChunk.findFirstOrThrow({ where: { documentId: doc.id } });
    expect(stored).toMatchObject({ embeddingModel: "topics-v1", embedding: [2, 0, 0, 0] });
    const [hit] = index.search("money", { queryVector: [1, 0, 0, 0] });
    expect(hit).toMatchObject({ chunk: { documentId: doc.id }, semantic: { rank: 1, similarity: 1 } });
    expect(hit!.bm25).toBeUndefined();

    const second = await store.addDocument(baseId, { title: "Passwords", source: { sourceType: "text", content: "Reset your password from the sign-in page." } });
    expect((await database.db.knowledgeChunk.findFirstOrThrow({ where: { documentId: second.id } })).embedding).toEqual([0, 0, 2, 0]); // title and text
    await store.deleteDocument(doc.id);
    await store.deleteDocument(second.id);
  });
});
