-- CreateTable
CREATE TABLE "AnalyticsEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "flowId" TEXT,
    "flowVersionId" TEXT,
    "channel" TEXT NOT NULL,
    "team" TEXT,
    "agentId" TEXT,
    "nodeId" TEXT,
    "intent" TEXT,
    "value" REAL,
    "value2" REAL,
    "props" JSONB,
    CONSTRAINT "AnalyticsEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AnalyticsEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AnalyticsEvent_dashboard_idx" ON "AnalyticsEvent"("workspaceId", "type", "at", "conversationId", "channel", "flowId", "team", "agentId", "intent", "value", "value2");

-- CreateIndex
CREATE INDEX "AnalyticsEvent_conversationId_idx" ON "AnalyticsEvent"("conversationId");
