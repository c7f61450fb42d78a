-- Handling spans for the Team performance dashboard's occupancy (schema.prisma: AssignmentSpan): a
-- row per assignment event with an agent, ended by the conversation's next assignment, handoff or
-- end. Kept by triggers on AnalyticsEvent, so they are written in the transaction of the event and
-- whatever the order events arrive in. "Next" is the earliest such event strictly later than the
-- assignment.
CREATE TABLE "AssignmentSpan" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "flowId" TEXT,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "releasedAt" TIMESTAMP(3),

    CONSTRAINT "AssignmentSpan_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "AssignmentSpan_dashboard_idx" ON "AssignmentSpan"("workspaceId", "assignedAt", "releasedAt", "agentId", "channel", "flowId", "conversationId");
CREATE INDEX "AssignmentSpan_conversationId_assignedAt_idx" ON "AssignmentSpan"("conversationId", "assignedAt");

ALTER TABLE "AssignmentSpan" ADD CONSTRAINT "AssignmentSpan_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AssignmentSpan" ADD CONSTRAINT "AssignmentSpan_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The assignments already stored, so dashboards over old data read the same figures.
INSERT INTO "AssignmentSpan" ("id", "workspaceId", "conversationId", "agentId", "channel", "flowId", "assignedAt", "releasedAt")
SELECT a."id", a."workspaceId", a."conversationId", a."agentId", a."channel", a."flowId", a."at",
  (SELECT MIN(x."at") FROM "AnalyticsEvent" x
   WHERE x."conversationId" = a."conversationId" AND x."type" IN ('assignment', 'handoff', 'ended') AND x."at" > a."at")
FROM "AnalyticsEvent" a WHERE a."type" = 'assignment' AND a."agentId" IS NOT NULL;

-- An event really inserted (an id ON CONFLICT ignored fires nothing) ends the spans it falls in,
-- and an assignment to an agent opens one, ended by any later event already stored.
CREATE FUNCTION "assignment_span_insert"() RETURNS trigger AS $$
BEGIN
  UPDATE "AssignmentSpan" SET "releasedAt" = NEW."at"
  WHERE "conversationId" = NEW."conversationId" AND "assignedAt" < NEW."at" AND ("releasedAt" IS NULL OR "releasedAt" > NEW."at");
  IF NEW."type" = 'assignment' AND NEW."agentId" IS NOT NULL THEN
    INSERT INTO "AssignmentSpan" ("id", "workspaceId", "conversationId", "agentId", "channel", "flowId", "assignedAt", "releasedAt")
    VALUES (NEW."id", NEW."workspaceId", NEW."conversationId", NEW."agentId", NEW."channel", NEW."flowId", NEW."at",
      (SELECT MIN(x."at") FROM "AnalyticsEvent" x
       WHERE x."conversationId" = NEW."conversationId" AND x."type" IN ('assignment', 'handoff', 'ended') AND x."at" > NEW."at"));
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AnalyticsEvent_span_insert" AFTER INSERT ON "AnalyticsEvent"
  FOR EACH ROW WHEN (NEW."type" IN ('assignment', 'handoff', 'ended')) EXECUTE FUNCTION "assignment_span_insert"();

-- A deleted event (erasure, retention) takes its span out, and the spans it ended end at the next
-- event still stored.
CREATE FUNCTION "assignment_span_delete"() RETURNS trigger AS $$
BEGIN
  DELETE FROM "AssignmentSpan" WHERE "id" = OLD."id";
  UPDATE "AssignmentSpan" s SET "releasedAt" = (
    SELECT MIN(x."at") FROM "AnalyticsEvent" x
    WHERE x."conversationId" = s."conversationId" AND x."type" IN ('assignment', 'handoff', 'ended') AND x."at" > s."assignedAt")
  WHERE s."conversationId" = OLD."conversationId" AND s."releasedAt" = OLD."at";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AnalyticsEvent_span_delete" AFTER DELETE ON "AnalyticsEvent"
  FOR EACH ROW WHEN (OLD."type" IN ('assignment', 'handoff', 'ended')) EXECUTE FUNCTION "assignment_span_delete"();
