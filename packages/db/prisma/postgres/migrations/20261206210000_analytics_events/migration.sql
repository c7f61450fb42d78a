-- CreateTable
CREATE TABLE "AnalyticsEvent" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "flowId" TEXT,
    "flowVersionId" TEXT,
    "channel" "Channel" NOT NULL,
    "team" TEXT,
    "agentId" TEXT,
    "nodeId" TEXT,
    "intent" TEXT,
    "value" DOUBLE PRECISION,
    "value2" DOUBLE PRECISION,
    "props" JSONB,

    CONSTRAINT "AnalyticsEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AnalyticsEvent_dashboard_idx" ON "AnalyticsEvent"("workspaceId", "type", "at", "conversationId", "channel", "flowId", "team", "agentId", "intent", "value", "value2");

-- CreateIndex
CREATE INDEX "AnalyticsEvent_conversationId_idx" ON "AnalyticsEvent"("conversationId");

-- AddForeignKey
ALTER TABLE "AnalyticsEvent" ADD CONSTRAINT "AnalyticsEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnalyticsEvent" ADD CONSTRAINT "AnalyticsEvent_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
