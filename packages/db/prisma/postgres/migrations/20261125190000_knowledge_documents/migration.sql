-- Knowledge documents replace knowledge articles (PostgreSQL twin of the SQLite migration).

-- CreateEnum
CREATE TYPE "KnowledgeSourceType" AS ENUM ('text', 'markdown', 'html', 'pdf');

-- AlterTable
ALTER TABLE "KnowledgeBase" ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "KnowledgeDocument" (
    "id" TEXT NOT NULL,
    "knowledgeBaseId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "sourceType" "KnowledgeSourceType" NOT NULL DEFAULT 'markdown',
    "content" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL DEFAULT 0,
    "url" TEXT,
    "chunkerVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KnowledgeDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KnowledgeChunk" (
    "id" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "headingPath" JSONB NOT NULL,
    "text" TEXT NOT NULL,
    "embedding" JSONB,
    "embeddingModel" TEXT,

    CONSTRAINT "KnowledgeChunk_pkey" PRIMARY KEY ("id")
);

-- Existing articles become Markdown documents (same ids); the first search chunks them.
INSERT INTO "KnowledgeDocument" ("id", "knowledgeBaseId", "title", "sourceType", "content", "contentHash", "sizeBytes", "url", "createdAt", "updatedAt")
SELECT "id", "knowledgeBaseId", "title", 'markdown', "body", 'migrated:' || "id", octet_length("body"), "url", "createdAt", "updatedAt" FROM "KnowledgeArticle";

-- DropTable
DROP TABLE "KnowledgeArticle";

-- CreateIndex
CREATE INDEX "KnowledgeDocument_knowledgeBaseId_idx" ON "KnowledgeDocument"("knowledgeBaseId");

-- CreateIndex
CREATE UNIQUE INDEX "KnowledgeChunk_documentId_ordinal_key" ON "KnowledgeChunk"("documentId", "ordinal");

-- AddForeignKey
ALTER TABLE "KnowledgeDocument" ADD CONSTRAINT "KnowledgeDocument_knowledgeBaseId_fkey" FOREIGN KEY ("knowledgeBaseId") REFERENCES "KnowledgeBase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KnowledgeChunk" ADD CONSTRAINT "KnowledgeChunk_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "KnowledgeDocument"("id") ON DELETE CASCADE ON UPDATE CASCADE;
