-- AlterTable
ALTER TABLE "Message" ADD COLUMN "authorId" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Conversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "flowVersionId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "channel" TEXT NOT NULL DEFAULT 'web',
    "assigneeId" TEXT,
    "workflowId" TEXT NOT NULL,
    "variables" JSONB,
    "team" TEXT,
    "priority" TEXT NOT NULL DEFAULT 'normal',
    "handedOffAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "lastMessageAt" DATETIME,
    CONSTRAINT "Conversation_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Conversation_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Conversation_flowVersionId_fkey" FOREIGN KEY ("flowVersionId") REFERENCES "FlowVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Conversation_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Conversation" ("assigneeId", "channel", "contactId", "createdAt", "flowVersionId", "id", "lastMessageAt", "status", "updatedAt", "variables", "workflowId", "workspaceId") SELECT "assigneeId", "channel", "contactId", "createdAt", "flowVersionId", "id", "lastMessageAt", "status", "updatedAt", "variables", "workflowId", "workspaceId" FROM "Conversation";
DROP TABLE "Conversation";
ALTER TABLE "new_Conversation" RENAME TO "Conversation";
CREATE UNIQUE INDEX "Conversation_workflowId_key" ON "Conversation"("workflowId");
CREATE INDEX "Conversation_workspaceId_status_updatedAt_idx" ON "Conversation"("workspaceId", "status", "updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

