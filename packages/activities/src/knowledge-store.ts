import { createHash } from "node:crypto";
import {
  chunkBlocks,
  htmlBlocks,
  ingestDocument,
  markdownBlocks,
  textBlocks,
  type ChunkDraft,
  type DocumentBlock,
  type DocumentSource,
  type Embedder,
  type IngestedDocument,
  type KnowledgeSourceType,
} from "@parley/ai";
import type { Db } from "@parley/db";

/**
 * Bumped whenever chunking changes: documents chunked by an older version are re-chunked by the
 * next search that reads them.
 */
export const CHUNKER_VERSION = 1;
/** Texts per embedding request. */
const EMBED_BATCH = 64;

/** sha256 of a document's source type and searchable text (the demo seed computes the same). */
export function contentHash(sourceType: KnowledgeSourceType, content: string): string {
  return createHash("sha256").update(`${sourceType}\n${content}`).digest("hex");
}

/** How a stored document's text is read back into blocks (a PDF's stored text is plain text). */
const STORED_READERS = {
  text: textBlocks,
  markdown: markdownBlocks,
  html: htmlBlocks,
  pdf: textBlocks,
} satisfies Record<KnowledgeSourceType, (text: string) => DocumentBlock[]>;

export interface DocumentFields {
  title: string;
  url?: string | null;
  source: DocumentSource;
}

/** The text an embedder sees for a chunk: where it sits, then what it says. */
export function embeddingText(chunk: { title: string; headingPath: readonly string[]; text: string }): string {
  return [chunk.title, chunk.headingPath.join(" › "), chunk.text].filter(Boolean).join("\n\n");
}

/**
 * Writes knowledge documents and their chunks. Every change bumps the knowledge base's revision in
 * the same transaction, which is how search-index caches (in the worker and the API) learn that
 * they must refresh. Ingestion errors are `KnowledgeIngestError`s (bad input, nothing written).
 */
export interface KnowledgeStoreDeps {
  db: Db;
  embedder?: Embedder;
  /**
   * Reads an uploaded document; default `ingestDocument` on this thread. The API passes
   * `ingestDocumentInWorker` so a hostile file cannot stall its event loop.
   */
  ingest?: (source: DocumentSource) => Promise<IngestedDocument>;
}

export function createKnowledgeStore({ db, embedder, ingest = ingestDocument }: KnowledgeStoreDeps) {
  /** Chunk rows for a document's drafts, with vectors when an embedder is configured and answers. */
  async function chunkRows(title: string, drafts: readonly ChunkDraft[]) {
    const vectors = embedder ? await embedQuietly(embedder, drafts.map((d) => embeddingText({ title, ...d }))) : null;
    return drafts.map((draft, i) => ({
      ordinal: draft.ordinal,
      headingPath: draft.headingPath,
      text: draft.text,
      ...(vectors ? { embedding: vectors[i]!, embeddingModel: embedder!.name } : {}),
    }));
  }

  return {
    async addDocument(knowledgeBaseId: string, { title, url, source }: DocumentFields) {
      const { text, blocks } = await ingest(source);
      const rows = await chunkRows(title, chunkBlocks(blocks));
      const [document] = await db.$transaction([
        db.knowledgeDocument.create({
          data: {
            knowledgeBaseId,
            title,
            url: url ?? null,
            sourceType: source.sourceType,
            content: text,
            contentHash: contentHash(source.sourceType, text),
            sizeBytes: sourceBytes(source),
            chunkerVersion: CHUNKER_VERSION,
            chunks: { create: rows },
          },
        }),
        db.knowledgeBase.update({ where: { id: knowledgeBaseId }, data: { revision: { increment: 1 } } }),
      ]);
      return document;
    },

    /** Replaces title, link and (when `source` is given) the content and chunks of a document. */
    async updateDocument(documentId: string, { title, url, source }: Partial<DocumentFields>) {
      const current = await db.knowledgeDocument.findUniqueOrThrow({ where: { id: documentId } });
      const ingested = source ? await ingest(source) : null;
      const newTitle = title ?? current.title;
      // Chunks carry no title, but embeddings do: a new title re-embeds, so re-chunk then too.
      const rechunk = ingested !== null || (newTitle !== current.title && embedder !== undefined);
      const blocks = ingested?.blocks ?? STORED_READERS[current.sourceType](current.content);
      const rows = rechunk ? await chunkRows(newTitle, chunkBlocks(blocks)) : null;
      const [document] = await db.$transaction([
        db.knowledgeDocument.update({
          where: { id: documentId },
          data: {
            title: newTitle,
            ...(url !== undefined ? { url } : {}),
            ...(ingested && source
              ? { sourceType: source.sourceType, content: ingested.text, contentHash: contentHash(source.sourceType, ingested.text), sizeBytes: sourceBytes(source) }
              : {}),
            ...(rows ? { chunkerVersion: CHUNKER_VERSION, chunks: { deleteMany: {}, create: rows } } : {}),
          },
        }),
        db.knowledgeBase.update({ where: { id: current.knowledgeBaseId }, data: { revision: { increment: 1 } } }),
      ]);
      return document;
    },

    async deleteDocument(documentId: string) {
      const current = await db.knowledgeDocument.findUniqueOrThrow({ where: { id: documentId }, select: { knowledgeBaseId: true } });
      await db.$transaction([
        db.knowledgeDocument.delete({ where: { id: documentId } }),
        db.knowledgeBase.update({ where: { id: current.knowledgeBaseId }, data: { revision: { increment: 1 } } }),
      ]);
    },

    /**
     * Chunks the base's documents that have no chunks of the current chunker version (seeded or
     * migrated rows, or an older chunker). Content is unchanged, so the revision is not bumped;
     * the index sees new document versions (hash + chunker version) instead.
     */
    async ensureChunks(knowledgeBaseId: string): Promise<number> {
      const stale = await db.knowledgeDocument.findMany({
        where: { knowledgeBaseId, OR: [{ chunkerVersion: null }, { chunkerVersion: { not: CHUNKER_VERSION } }] },
        select: { id: true, title: true, sourceType: true, content: true, chunkerVersion: true },
      });
      for (const document of stale) {
        const rows = await chunkRows(document.title, chunkBlocks(STORED_READERS[document.sourceType](document.content)));
        // The worker and the API may chunk the same document at once: whoever claims it (moves its
        // chunker version) writes the chunks, in one transaction, so nobody sees it half done.
        await db.$transaction(async (tx) => {
          const claimed = await tx.knowledgeDocument.updateMany({
            where: { id: document.id, chunkerVersion: document.chunkerVersion },
            data: { chunkerVersion: CHUNKER_VERSION },
          });
          if (claimed.count === 0) return;
          await tx.knowledgeChunk.deleteMany({ where: { documentId: document.id } });
          await tx.knowledgeChunk.createMany({ data: rows.map((row) => ({ ...row, documentId: document.id })) });
        });
      }
      return stale.length;
    },
  };
}

export type KnowledgeStore = ReturnType<typeof createKnowledgeStore>;

/** Vectors for texts, or null when the embedder fails: documents are stored without them (BM25 still finds them). */
export async function embedQuietly(embedder: Embedder, texts: readonly string[]): Promise<number[][] | null> {
  try {
    const vectors: number[][] = [];
    for (let i = 0; i < texts.length; i += EMBED_BATCH) vectors.push(...(await embedder.embed(texts.slice(i, i + EMBED_BATCH))));
    return vectors.length === texts.length ? vectors : null;
  } catch {
    return null;
  }
}

function sourceBytes(source: DocumentSource): number {
  return typeof source.content === "string" ? Buffer.byteLength(source.content) : source.content.byteLength;
}

