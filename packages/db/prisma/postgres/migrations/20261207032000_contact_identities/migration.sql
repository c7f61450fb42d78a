-- CreateEnum
CREATE TYPE "IdentityKind" AS ENUM ('email', 'phone', 'visitor', 'external');

-- AlterTable
ALTER TABLE "Contact" ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ContactIdentity" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" "IdentityKind" NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactIdentity_workspaceId_value_idx" ON "ContactIdentity"("workspaceId", "value");

-- CreateIndex
CREATE INDEX "ContactIdentity_contactId_idx" ON "ContactIdentity"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactIdentity_workspaceId_kind_value_key" ON "ContactIdentity"("workspaceId", "kind", "value");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_createdAt_id_idx" ON "Contact"("workspaceId", "createdAt", "id");
CREATE INDEX "Conversation_contactId_createdAt_idx" ON "Conversation"("contactId", "createdAt");

-- AddForeignKey
ALTER TABLE "ContactIdentity" ADD CONSTRAINT "ContactIdentity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactIdentity" ADD CONSTRAINT "ContactIdentity_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Until now every conversation made its own contact: each email address becomes the identity of
-- its oldest contact, which later conversations with that address join (the others can be merged
-- into it by hand).
INSERT INTO "ContactIdentity" ("id", "workspaceId", "contactId", "kind", "value")
SELECT DISTINCT ON (c."workspaceId", lower(trim(c."email"))) md5(random()::text || c."id"), c."workspaceId", c."id", 'email', lower(trim(c."email"))
FROM "Contact" c WHERE c."email" IS NOT NULL AND trim(c."email") <> ''
ORDER BY c."workspaceId", lower(trim(c."email")), c."createdAt", c."id";

-- A linked identity or a merge changes the contact too: the webhook trigger also watches revision.
DROP TRIGGER "Contact_webhook_update" ON "Contact";
CREATE TRIGGER "Contact_webhook_update" AFTER UPDATE ON "Contact"
FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name" OR OLD."email" IS DISTINCT FROM NEW."email"
  OR OLD."phone" IS DISTINCT FROM NEW."phone" OR OLD."attributes"::text IS DISTINCT FROM NEW."attributes"::text
  OR OLD."revision" IS DISTINCT FROM NEW."revision")
EXECUTE FUNCTION "webhook_event_source"();

-- The contacts page's identity search is a prefix match (LIKE 'value%'), which a btree under the
-- database's locale collation cannot serve: this one compares bytes (not in schema.prisma, as the
-- inbox search's GIN indexes are not).
CREATE INDEX "ContactIdentity_value_prefix" ON "ContactIdentity"("workspaceId", "value" text_pattern_ops);
