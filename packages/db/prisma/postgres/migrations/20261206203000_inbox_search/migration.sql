-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "filters" JSONB NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SavedView_workspaceId_userId_idx" ON "SavedView"("workspaceId", "userId");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_updatedAt_id_idx" ON "Conversation"("workspaceId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_assigneeId_updatedAt_id_idx" ON "Conversation"("workspaceId", "assigneeId", "updatedAt", "id");

-- CreateIndex
CREATE INDEX "Conversation_workspaceId_team_updatedAt_id_idx" ON "Conversation"("workspaceId", "team", "updatedAt", "id");

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Full-text search of the inbox (Prisma's schema cannot express it): GIN expression indexes that
-- the search queries repeat word for word ('simple': no stemming, as SQLite's unicode61).
CREATE INDEX "Message_text_search" ON "Message" USING GIN (to_tsvector('simple', "text"));
CREATE INDEX "Contact_search" ON "Contact" USING GIN (to_tsvector('simple', coalesce("name", '') || ' ' || coalesce("email", '')));
