-- CreateTable
CREATE TABLE "WorkspaceChannel" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "flowId" TEXT,
    "publicId" TEXT NOT NULL,
    "allowedOrigins" JSONB NOT NULL,
    "config" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkspaceChannel_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "WorkspaceChannel_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "Flow" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "WorkspaceChannel_publicId_key" ON "WorkspaceChannel"("publicId");

-- CreateIndex
CREATE INDEX "WorkspaceChannel_workspaceId_createdAt_idx" ON "WorkspaceChannel"("workspaceId", "createdAt");


-- A conversation remembers the configured channel it came through. ADD COLUMN, not a table
-- rebuild: Conversation keeps its rows' order and its change-feed triggers.
ALTER TABLE "Conversation" ADD COLUMN "workspaceChannelId" TEXT REFERENCES "WorkspaceChannel" ("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "Conversation_workspaceChannelId_idx" ON "Conversation"("workspaceChannelId");
