-- Knowledge documents replace knowledge articles: any source type, chunks stored with their
-- heading path (and embedding), a revision per knowledge base for search-index caches.

-- AlterTable
ALTER TABLE "KnowledgeBase" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "KnowledgeDocument" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "knowledgeBaseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sourceType" TEXT NOT NULL DEFAULT 'markdown',
    "content" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "url" TEXT,
    "chunkerVersion" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "KnowledgeDocument_knowledgeBaseId_fkey" FOREIGN KEY ("knowledgeBaseId") REFERENCES "KnowledgeBase" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KnowledgeChunk" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "documentId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "headingPath" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "embedding" JSONB,
    "embeddingModel" TEXT,
    CONSTRAINT "KnowledgeChunk_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "KnowledgeDocument" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Existing articles become Markdown documents (same ids, so cited ids stay valid). Their hash is a
-- placeholder and they have no chunks yet: the first search chunks them (chunkerVersion NULL).
INSERT INTO "KnowledgeDocument" ("id", "knowledgeBaseId", "title", "sourceType", "content", "contentHash", "sizeBytes", "url", "createdAt", "updatedAt")
SELECT "id", "knowledgeBaseId", "title", 'markdown', "body", 'migrated:' || "id", length(CAST("body" AS BLOB)), "url", "createdAt", "updatedAt" FROM "KnowledgeArticle";

-- DropTable
DROP INDEX "KnowledgeArticle_knowledgeBaseId_idx";
DROP TABLE "KnowledgeArticle";

-- CreateIndex
CREATE INDEX "KnowledgeDocument_knowledgeBaseId_idx" ON "KnowledgeDocument"("knowledgeBaseId");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeChunk_documentId_ordinal_key" ON "KnowledgeChunk"("documentId", "ordinal");
