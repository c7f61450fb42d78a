-- Handling spans for the Team performance dashboard's occupancy (schema.prisma: AssignmentSpan): a
-- row per assignment event with an agent, ended by the conversation's next assignment, handoff or
-- end. Kept by triggers on AnalyticsEvent, so they are written in the transaction of the event and
-- whatever the order events arrive in. "Next" is the earliest such event strictly later than the
-- assignment.
CREATE TABLE "AssignmentSpan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "flowId" TEXT,
    "assignedAt" DATETIME NOT NULL,
    "releasedAt" DATETIME,
    CONSTRAINT "AssignmentSpan_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AssignmentSpan_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "AssignmentSpan_dashboard_idx" ON "AssignmentSpan"("workspaceId", "assignedAt", "releasedAt", "agentId", "channel", "flowId", "conversationId");
CREATE INDEX "AssignmentSpan_conversationId_assignedAt_idx" ON "AssignmentSpan"("conversationId", "assignedAt");

-- The assignments already stored, so dashboards over old data read the same figures.
INSERT INTO "AssignmentSpan" ("id", "workspaceId", "conversationId", "agentId", "channel", "flowId", "assignedAt", "releasedAt")
SELECT a."id", a."workspaceId", a."conversationId", a."agentId", a."channel", a."flowId", a."at",
  (SELECT MIN(x."at") FROM "AnalyticsEvent" x
   WHERE x."conversationId" = a."conversationId" AND x."type" IN ('assignment', 'handoff', 'ended') AND x."at" > a."at")
FROM "AnalyticsEvent" a WHERE a."type" = 'assignment' AND a."agentId" IS NOT NULL;

-- An event really inserted (an id the insert ignored fires nothing) ends the spans it falls in,
-- and an assignment to an agent opens one, ended by any later event already stored.
CREATE TRIGGER "AnalyticsEvent_span_insert" AFTER INSERT ON "AnalyticsEvent"
WHEN NEW."type" IN ('assignment', 'handoff', 'ended')
BEGIN
  UPDATE "AssignmentSpan" SET "releasedAt" = NEW."at"
  WHERE "conversationId" = NEW."conversationId" AND "assignedAt" < NEW."at" AND ("releasedAt" IS NULL OR "releasedAt" > NEW."at");
  INSERT INTO "AssignmentSpan" ("id", "workspaceId", "conversationId", "agentId", "channel", "flowId", "assignedAt", "releasedAt")
  SELECT NEW."id", NEW."workspaceId", NEW."conversationId", NEW."agentId", NEW."channel", NEW."flowId", NEW."at",
    (SELECT MIN(x."at") FROM "AnalyticsEvent" x
     WHERE x."conversationId" = NEW."conversationId" AND x."type" IN ('assignment', 'handoff', 'ended') AND x."at" > NEW."at")
  WHERE NEW."type" = 'assignment' AND NEW."agentId" IS NOT NULL;
END;

-- A deleted event (erasure, retention) takes its span out, and the spans it ended end at the next
-- event still stored.
CREATE TRIGGER "AnalyticsEvent_span_delete" AFTER DELETE ON "AnalyticsEvent"
WHEN OLD."type" IN ('assignment', 'handoff', 'ended')
BEGIN
  DELETE FROM "AssignmentSpan" WHERE "id" = OLD."id";
  UPDATE "AssignmentSpan" SET "releasedAt" = (
    SELECT MIN(x."at") FROM "AnalyticsEvent" x
    WHERE x."conversationId" = "AssignmentSpan"."conversationId" AND x."type" IN ('assignment', 'handoff', 'ended') AND x."at" > "AssignmentSpan"."assignedAt")
  WHERE "conversationId" = OLD."conversationId" AND "releasedAt" = OLD."at";
END;
