import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createKnowledgeStore, ingestDocumentInWorker, KnowledgeIngestError, type DocumentSource } from "@parley/activities";
import type { ApiServices, RequestInfo } from "../context";
import { auditRequest } from "../auth/caller";
import { recordAudit, type AuditActor } from "../auth/audit";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { idSchema, labelSchema, optionalTextSchema } from "../inputs";
import { findBase, findDocument, type InWorkspace } from "./knowledge-records";
import { knowledgeSearch } from "./knowledge-search";

/**
 * Largest uploaded file. The HTTP server accepts 1 MB bodies and base64 adds a third, so uploads
 * stop below that; the ingestion library itself takes up to 5 MB (raise both together).
 */
export const MAX_UPLOAD_BYTES = 700 * 1024;
const MAX_TEXT_CHARS = 700_000;

const nameSchema = labelSchema("name", 120);
const descriptionSchema = optionalTextSchema("description", 500);
const titleSchema = labelSchema("title", 200);
// The link is checked as text too: zod's URL check accepts what the URL parser can repair (a lone
// surrogate), but the string itself is what gets stored.
const urlSchema = z
  .url({ protocol: /^https?$/, error: "link must be an http(s) URL" })
  .max(2000)
  .pipe(labelSchema("link", 2000))
  .nullable();
const base64Schema = z
  .string()
  .max(Math.ceil(MAX_UPLOAD_BYTES / 3) * 4 + 4, `the file is larger than ${MAX_UPLOAD_BYTES / 1024} KB`)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, "file content must be base64");

/** A document's source: text formats as text, PDF as base64 of the file. */
const sourceSchema = z.discriminatedUnion("sourceType", [
  z.object({ sourceType: z.enum(["text", "markdown", "html"]), content: optionalTextSchema("the text", MAX_TEXT_CHARS) }),
  z.object({ sourceType: z.literal("pdf"), base64: base64Schema }),
]);

function toSource(source: z.infer<typeof sourceSchema>): DocumentSource {
  return source.sourceType === "pdf"
    ? { sourceType: "pdf", content: new Uint8Array(Buffer.from(source.base64, "base64")) }
    : { sourceType: source.sourceType, content: source.content };
}

/** Knowledge changes go to the audit log: `action` names what changed, `id` the base or document. */
function audit(ctx: InWorkspace & { actor: AuditActor; request: RequestInfo }, action: string, id: string) {
  return recordAudit(ctx.db, auditRequest(ctx), {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    action,
    target: { type: action.startsWith("knowledge.base") ? "knowledge_base" : "knowledge_document", id },
  });
}

/**
 * Ingestion problems are the admin's input, answered with the reason: 413 for a file over the
 * size limit, 422 for one that is too deeply nested, too slow or too big to read (the worker
 * thread's limits), 400 otherwise.
 */
async function ingesting<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof KnowledgeIngestError) {
      const code = err.code === "too_large" ? "PAYLOAD_TOO_LARGE" : err.code === "too_complex" ? "UNPROCESSABLE_CONTENT" : "BAD_REQUEST";
      throw new TRPCError({ code, message: err.message, cause: err });
    }
    throw err;
  }
}

/**
 * The store for uploads: documents are parsed in a worker thread with time and memory limits
 * (`ingestDocumentInWorker`), never on the API's event loop.
 */
function uploadStore(ctx: ApiServices) {
  return createKnowledgeStore({ db: ctx.db, ingest: (source) => ingestDocumentInWorker(source), ...(ctx.knowledgeEmbedder ? { embedder: ctx.knowledgeEmbedder } : {}) });
}

async function uniqueName<T>(work: () => Promise<T>, name: string): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw new TRPCError({ code: "CONFLICT", message: `a knowledge base named "${name}" exists already` });
    throw err;
  }
}

function documentSummary(document: { id: string; title: string; sourceType: string; url: string | null; sizeBytes: number; updatedAt: Date; _count?: { chunks: number } }) {
  return {
    id: document.id,
    title: document.title,
    sourceType: document.sourceType,
    url: document.url,
    sizeBytes: document.sizeBytes,
    chunkCount: document._count?.chunks ?? 0,
    updatedAt: document.updatedAt.toISOString(),
  };
}

const basesRouter = router({
  list: staffProcedure("knowledge:read").query(async ({ ctx }) => {
    const bases = await ctx.db.knowledgeBase.findMany({
      where: { workspaceId: ctx.workspaceId },
      include: { _count: { select: { documents: true } } },
      orderBy: { name: "asc" },
    });
    return bases.map((base) => ({
      id: base.id,
      name: base.name,
      description: base.description,
      revision: base.revision,
      documentCount: base._count.documents,
      updatedAt: base.updatedAt.toISOString(),
    }));
  }),

  get: staffProcedure("knowledge:read").input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const base = await findBase(ctx, input.id);
    // Seeded or migrated documents get their chunks here, so the page shows real counts.
    await createKnowledgeStore({ db: ctx.db }).ensureChunks(base.id);
    const documents = await ctx.db.knowledgeDocument.findMany({
      where: { knowledgeBaseId: base.id },
      include: { _count: { select: { chunks: true } } },
      orderBy: { createdAt: "asc" },
    });
    return { id: base.id, name: base.name, description: base.description, revision: base.revision, documents: documents.map(documentSummary) };
  }),

  create: staffProcedure("knowledge:manage").input(z.object({ name: nameSchema, description: descriptionSchema.optional() })).mutation(async ({ ctx, input }) => {
    const base = await uniqueName(
      () => ctx.db.knowledgeBase.create({ data: { workspaceId: ctx.workspaceId, name: input.name, description: input.description ?? "" } }),
      input.name,
    );
    await audit(ctx, "knowledge.base_create", base.id);
    return { id: base.id, name: base.name };
  }),

  update: staffProcedure("knowledge:manage")
    .input(z.object({ id: idSchema, name: nameSchema.optional(), description: descriptionSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      await findBase(ctx, input.id);
      const base = await uniqueName(
        () =>
          ctx.db.knowledgeBase.update({
            where: { id: input.id },
            data: { ...(input.name !== undefined ? { name: input.name } : {}), ...(input.description !== undefined ? { description: input.description } : {}) },
          }),
        input.name ?? "",
      );
      await audit(ctx, "knowledge.base_update", base.id);
      return { id: base.id, name: base.name, description: base.description };
    }),

  delete: staffProcedure("knowledge:manage").input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    await findBase(ctx, input.id);
    await ctx.db.knowledgeBase.delete({ where: { id: input.id } });
    await audit(ctx, "knowledge.base_delete", input.id);
    return { deleted: true };
  }),
});

const documentsRouter = router({
  get: staffProcedure("knowledge:read").input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const document = await findDocument(ctx, input.id);
    return { ...documentSummary(document), knowledgeBaseId: document.knowledgeBaseId, content: document.content };
  }),

  create: staffProcedure("knowledge:manage")
    .input(z.object({ knowledgeBaseId: idSchema, title: titleSchema, url: urlSchema.optional(), source: sourceSchema }))
    .mutation(async ({ ctx, input }) => {
      const base = await findBase(ctx, input.knowledgeBaseId);
      const document = await ingesting(() =>
        uploadStore(ctx).addDocument(base.id, {
          title: input.title,
          url: input.url ?? null,
          source: toSource(input.source),
        }),
      );
      await audit(ctx, "knowledge.document_create", document.id);
      const chunkCount = await ctx.db.knowledgeChunk.count({ where: { documentId: document.id } });
      return { ...documentSummary(document), chunkCount };
    }),

  update: staffProcedure("knowledge:manage")
    .input(z.object({ id: idSchema, title: titleSchema.optional(), url: urlSchema.optional(), source: sourceSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      await findDocument(ctx, input.id);
      const document = await ingesting(() =>
        uploadStore(ctx).updateDocument(input.id, {
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.url !== undefined ? { url: input.url } : {}),
          ...(input.source ? { source: toSource(input.source) } : {}),
        }),
      );
      await audit(ctx, "knowledge.document_update", document.id);
      const chunkCount = await ctx.db.knowledgeChunk.count({ where: { documentId: document.id } });
      return { ...documentSummary(document), chunkCount };
    }),

  delete: staffProcedure("knowledge:manage").input(z.object({ id: idSchema })).mutation(async ({ ctx, input }) => {
    await findDocument(ctx, input.id);
    await createKnowledgeStore({ db: ctx.db }).deleteDocument(input.id);
    await audit(ctx, "knowledge.document_delete", input.id);
    return { deleted: true };
  }),

  chunks: staffProcedure("knowledge:read").input(z.object({ id: idSchema })).query(async ({ ctx, input }) => {
    const document = await findDocument(ctx, input.id);
    await createKnowledgeStore({ db: ctx.db }).ensureChunks(document.knowledgeBaseId);
    const chunks = await ctx.db.knowledgeChunk.findMany({ where: { documentId: document.id }, orderBy: { ordinal: "asc" } });
    return chunks.map((chunk) => ({
      id: chunk.id,
      ordinal: chunk.ordinal,
      headingPath: Array.isArray(chunk.headingPath) ? chunk.headingPath.map(String) : [],
      text: chunk.text,
      embeddingModel: chunk.embedding ? chunk.embeddingModel : null,
    }));
  }),
});

export const knowledgeRouter = router({
  bases: basesRouter,
  documents: documentsRouter,
  search: knowledgeSearch,
});
