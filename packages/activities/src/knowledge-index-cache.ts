import { KnowledgeIndex, toKnowledgeChunks, type Embedder, type KnowledgeChunk } from "@parley/ai";
import type { Db } from "@parley/db";
import { createKnowledgeStore, embedQuietly, embeddingText } from "./knowledge-store";

interface Entry {
  index: KnowledgeIndex;
  /** The knowledge base revision the index reflects. */
  revision: number;
}

/** What a refresh did (for the search tester and tests). */
export interface RefreshStats {
  refreshed: boolean;
  upserted: number;
  removed: number;
}

/**
 * The search indexes of knowledge bases, one per base, kept in memory by the process (worker or
 * API) and brought up to date incrementally: a search first reads the base's revision (one indexed
 * row); when it moved, only documents whose content hash or chunker version changed are re-read,
 * and deleted ones are dropped. Refreshes of one base are serialised, so concurrent searches share one.
 */
export class KnowledgeIndexCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<RefreshStats>>();
  private readonly store;

  constructor(
    private readonly db: Db,
    private readonly embedder?: Embedder,
  ) {
    this.store = createKnowledgeStore({ db, ...(embedder ? { embedder } : {}) });
  }

  /** The up-to-date index of a knowledge base (empty for a base that does not exist). */
  async index(knowledgeBaseId: string): Promise<{ index: KnowledgeIndex; stats: RefreshStats }> {
    const stats = await this.refresh(knowledgeBaseId);
    return { index: this.entries.get(knowledgeBaseId)?.index ?? new KnowledgeIndex(), stats };
  }

  private refresh(knowledgeBaseId: string): Promise<RefreshStats> {
    const running = this.pending.get(knowledgeBaseId);
    if (running) return running;
    const work = this.doRefresh(knowledgeBaseId).finally(() => this.pending.delete(knowledgeBaseId));
    this.pending.set(knowledgeBaseId, work);
    return work;
  }

  private async doRefresh(knowledgeBaseId: string): Promise<RefreshStats> {
    const base = await this.db.knowledgeBase.findUnique({ where: { id: knowledgeBaseId }, select: { revision: true } });
    if (!base) {
      this.entries.delete(knowledgeBaseId);
      return { refreshed: false, upserted: 0, removed: 0 };
    }
    const entry = this.entries.get(knowledgeBaseId);
    if (entry && entry.revision === base.revision) return { refreshed: false, upserted: 0, removed: 0 };

    await this.store.ensureChunks(knowledgeBaseId);
    const index = entry?.index ?? new KnowledgeIndex();
    const documents = await this.db.knowledgeDocument.findMany({
      where: { knowledgeBaseId },
      select: { id: true, title: true, url: true, contentHash: true, chunkerVersion: true },
    });
    const indexed = index.versions();
    const current = new Set(documents.map((d) => d.id));
    let removed = 0;
    for (const id of indexed.keys()) if (!current.has(id) && index.remove(id)) removed++;

    const changed = documents.filter((d) => indexed.get(d.id) !== versionOf(d));
    const rows = changed.length
      ? await this.db.knowledgeChunk.findMany({ where: { documentId: { in: changed.map((d) => d.id) } }, orderBy: [{ documentId: "asc" }, { ordinal: "asc" }] })
      : [];
    const byDocument = new Map<string, typeof rows>();
    for (const row of rows) byDocument.set(row.documentId, [...(byDocument.get(row.documentId) ?? []), row]);
    for (const document of changed) {
      const chunks = toKnowledgeChunks(
        document,
        (byDocument.get(document.id) ?? []).map((row) => ({
          id: row.id,
          ordinal: row.ordinal,
          headingPath: stringArray(row.headingPath),
          text: row.text,
          embedding: this.embedder && row.embeddingModel === this.embedder.name ? numberArray(row.embedding) : null,
        })),
      );
      index.upsert({ id: document.id, version: versionOf(document), chunks: await this.withEmbeddings(chunks) });
    }
    this.entries.set(knowledgeBaseId, { index, revision: base.revision });
    return { refreshed: true, upserted: changed.length, removed };
  }

  /** Embeds chunks stored without a vector of this embedder (made before it was configured), and saves the vectors. */
  private async withEmbeddings(chunks: KnowledgeChunk[]): Promise<KnowledgeChunk[]> {
    const embedder = this.embedder;
    const missing = chunks.filter((c) => !c.embedding);
    if (!embedder || missing.length === 0) return chunks;
    const vectors = await embedQuietly(embedder, missing.map(embeddingText));
    if (!vectors) return chunks;
    const byId = new Map(missing.map((chunk, i) => [chunk.id, vectors[i]!]));
    await this.db.$transaction(
      missing.map((chunk) => this.db.knowledgeChunk.update({ where: { id: chunk.id }, data: { embedding: byId.get(chunk.id)!, embeddingModel: embedder.name } })),
    );
    return chunks.map((chunk) => (byId.has(chunk.id) ? { ...chunk, embedding: byId.get(chunk.id)! } : chunk));
  }
}

function versionOf(document: { contentHash: string; chunkerVersion: number | null }): string {
  return `${document.contentHash}:${document.chunkerVersion ?? "-"}`;
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function numberArray(value: unknown): number[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "number") ? value : null;
}
