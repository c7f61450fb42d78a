-- What each conversation was, for the dashboards' team, agent and intent filters (schema.prisma:
-- ConversationFact): a row per conversation and team it was handed to, agent it was assigned to,
-- intent recognised in it. Kept by triggers on AnalyticsEvent, so a row is written in the
-- transaction of its event; membership does not depend on the order events arrive in.
CREATE TABLE "ConversationFact" (
    "workspaceId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,

    CONSTRAINT "ConversationFact_pkey" PRIMARY KEY ("workspaceId", "kind", "value", "conversationId")
);

CREATE INDEX "ConversationFact_conversationId_idx" ON "ConversationFact"("conversationId");

ALTER TABLE "ConversationFact" ADD CONSTRAINT "ConversationFact_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "ConversationFact" ADD CONSTRAINT "ConversationFact_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The events already stored, so filtered dashboards over old data read the same figures.
INSERT INTO "ConversationFact" ("workspaceId", "kind", "value", "conversationId")
SELECT e."workspaceId", CASE e."type" WHEN 'handoff' THEN 'team' WHEN 'assignment' THEN 'agent' ELSE 'intent' END,
  CASE e."type" WHEN 'handoff' THEN e."team" WHEN 'assignment' THEN e."agentId" ELSE e."intent" END, e."conversationId"
FROM "AnalyticsEvent" e
WHERE (e."type" = 'handoff' AND e."team" IS NOT NULL) OR (e."type" = 'assignment' AND e."agentId" IS NOT NULL) OR (e."type" = 'intent' AND e."intent" IS NOT NULL)
ON CONFLICT DO NOTHING;

-- The fact an event says (kind and value), or nothing when it says none.
CREATE FUNCTION "conversation_fact_of"(event "AnalyticsEvent") RETURNS TABLE ("kind" TEXT, "value" TEXT) AS $$
  SELECT k, v FROM (VALUES
    (CASE event."type" WHEN 'handoff' THEN 'team' WHEN 'assignment' THEN 'agent' WHEN 'intent' THEN 'intent' END,
     CASE event."type" WHEN 'handoff' THEN event."team" WHEN 'assignment' THEN event."agentId" WHEN 'intent' THEN event."intent" END)) f(k, v)
  WHERE k IS NOT NULL AND v IS NOT NULL;
$$ LANGUAGE sql IMMUTABLE;

-- An event really inserted (an id ON CONFLICT ignored fires nothing) adds its fact; one already
-- known (a second handoff to the same team) is ignored.
CREATE FUNCTION "conversation_fact_insert"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ConversationFact" ("workspaceId", "kind", "value", "conversationId")
  SELECT NEW."workspaceId", f."kind", f."value", NEW."conversationId" FROM "conversation_fact_of"(NEW) f
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AnalyticsEvent_fact_insert" AFTER INSERT ON "AnalyticsEvent"
  FOR EACH ROW WHEN ((NEW."type" = 'handoff' AND NEW."team" IS NOT NULL) OR (NEW."type" = 'assignment' AND NEW."agentId" IS NOT NULL) OR (NEW."type" = 'intent' AND NEW."intent" IS NOT NULL))
  EXECUTE FUNCTION "conversation_fact_insert"();

-- A deleted event (erasure, retention) takes its fact out unless another event of the
-- conversation still says the same.
CREATE FUNCTION "conversation_fact_delete"() RETURNS trigger AS $$
BEGIN
  DELETE FROM "ConversationFact" c USING "conversation_fact_of"(OLD) f
  WHERE c."workspaceId" = OLD."workspaceId" AND c."conversationId" = OLD."conversationId" AND c."kind" = f."kind" AND c."value" = f."value"
    AND NOT EXISTS (
      SELECT 1 FROM "AnalyticsEvent" x
      WHERE x."conversationId" = OLD."conversationId" AND x."type" = OLD."type"
        AND CASE OLD."type" WHEN 'handoff' THEN x."team" = OLD."team" WHEN 'assignment' THEN x."agentId" = OLD."agentId" ELSE x."intent" = OLD."intent" END);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AnalyticsEvent_fact_delete" AFTER DELETE ON "AnalyticsEvent"
  FOR EACH ROW WHEN ((OLD."type" = 'handoff' AND OLD."team" IS NOT NULL) OR (OLD."type" = 'assignment' AND OLD."agentId" IS NOT NULL) OR (OLD."type" = 'intent' AND OLD."intent" IS NOT NULL))
  EXECUTE FUNCTION "conversation_fact_delete"();
