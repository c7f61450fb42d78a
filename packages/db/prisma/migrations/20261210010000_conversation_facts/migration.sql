-- What each conversation was, for the dashboards' team, agent and intent filters (schema.prisma:
-- ConversationFact): a row per conversation and team it was handed to, agent it was assigned to,
-- intent recognised in it. Kept by triggers on AnalyticsEvent, so a row is written in the
-- transaction of its event; membership does not depend on the order events arrive in.
CREATE TABLE "ConversationFact" (
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,

    PRIMARY KEY ("workspaceId", "kind", "value", "conversationId"),
    CONSTRAINT "ConversationFact_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConversationFact_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "ConversationFact_conversationId_idx" ON "ConversationFact"("conversationId");

-- The events already stored, so filtered dashboards over old data read the same figures.
INSERT OR IGNORE INTO "ConversationFact" ("workspaceId", "kind", "value", "conversationId")
SELECT e."workspaceId", CASE e."type" WHEN 'handoff' THEN 'team' WHEN 'assignment' THEN 'agent' ELSE 'intent' END,
  CASE e."type" WHEN 'handoff' THEN e."team" WHEN 'assignment' THEN e."agentId" ELSE e."intent" END, e."conversationId"
FROM "AnalyticsEvent" e
WHERE (e."type" = 'handoff' AND e."team" IS NOT NULL) OR (e."type" = 'assignment' AND e."agentId" IS NOT NULL) OR (e."type" = 'intent' AND e."intent" IS NOT NULL);

-- An event really inserted (an id the writer's ON CONFLICT ignored fires nothing) adds its fact;
-- one already known (a second handoff to the same team) is ignored.
CREATE TRIGGER "AnalyticsEvent_fact_insert" AFTER INSERT ON "AnalyticsEvent"
WHEN (NEW."type" = 'handoff' AND NEW."team" IS NOT NULL) OR (NEW."type" = 'assignment' AND NEW."agentId" IS NOT NULL) OR (NEW."type" = 'intent' AND NEW."intent" IS NOT NULL)
BEGIN
  INSERT OR IGNORE INTO "ConversationFact" ("workspaceId", "kind", "value", "conversationId")
  VALUES (NEW."workspaceId", CASE NEW."type" WHEN 'handoff' THEN 'team' WHEN 'assignment' THEN 'agent' ELSE 'intent' END,
    CASE NEW."type" WHEN 'handoff' THEN NEW."team" WHEN 'assignment' THEN NEW."agentId" ELSE NEW."intent" END, NEW."conversationId");
END;

-- A deleted event (erasure, retention) takes its fact out unless another event of the
-- conversation still says the same.
CREATE TRIGGER "AnalyticsEvent_fact_delete" AFTER DELETE ON "AnalyticsEvent"
WHEN (OLD."type" = 'handoff' AND OLD."team" IS NOT NULL) OR (OLD."type" = 'assignment' AND OLD."agentId" IS NOT NULL) OR (OLD."type" = 'intent' AND OLD."intent" IS NOT NULL)
BEGIN
  DELETE FROM "ConversationFact"
  WHERE "workspaceId" = OLD."workspaceId" AND "conversationId" = OLD."conversationId"
    AND "kind" = CASE OLD."type" WHEN 'handoff' THEN 'team' WHEN 'assignment' THEN 'agent' ELSE 'intent' END
    AND "value" = CASE OLD."type" WHEN 'handoff' THEN OLD."team" WHEN 'assignment' THEN OLD."agentId" ELSE OLD."intent" END
    AND NOT EXISTS (
      SELECT 1 FROM "AnalyticsEvent" x
      WHERE x."conversationId" = OLD."conversationId" AND x."type" = OLD."type"
        AND CASE OLD."type" WHEN 'handoff' THEN x."team" = OLD."team" WHEN 'assignment' THEN x."agentId" = OLD."agentId" ELSE x."intent" = OLD."intent" END);
END;
