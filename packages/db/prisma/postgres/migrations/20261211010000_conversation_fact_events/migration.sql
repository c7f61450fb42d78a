-- The events of the conversations each team, agent and intent fact names, copied under the fact
-- (schema.prisma: ConversationFactEvent), so a filtered dashboard reads a range of one fact's
-- events on an index instead of probing the fact's conversation list for every event of the range.
-- Messages and node runs are not copied: no filtered dashboard reads them. Kept by triggers, in the
-- transaction that writes the event or the fact (the SQLite migration's, said in PL/pgSQL).
CREATE TABLE "ConversationFactEvent" (
    "eventId" TEXT NOT NULL,
    "factKind" TEXT NOT NULL,
    "factValue" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "flowId" TEXT,
    "channel" "Channel" NOT NULL,
    "team" TEXT,
    "agentId" TEXT,
    "intent" TEXT,
    "value" DOUBLE PRECISION,
    "value2" DOUBLE PRECISION,
    "props" JSONB,

    CONSTRAINT "ConversationFactEvent_pkey" PRIMARY KEY ("eventId","factKind","factValue")
);

CREATE INDEX "ConversationFactEvent_dashboard_idx" ON "ConversationFactEvent"("workspaceId", "factKind", "factValue", "type", "at", "conversationId", "channel", "flowId", "team", "agentId", "intent", "value", "value2");
CREATE INDEX "ConversationFactEvent_conversationId_factKind_factValue_idx" ON "ConversationFactEvent"("conversationId", "factKind", "factValue");

ALTER TABLE "ConversationFactEvent" ADD CONSTRAINT "ConversationFactEvent_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "AnalyticsEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The events already stored, under the facts already stored, as the triggers would have copied them.
INSERT INTO "ConversationFactEvent" ("eventId", "factKind", "factValue", "workspaceId", "conversationId", "type", "at", "flowId", "channel", "team", "agentId", "intent", "value", "value2", "props")
SELECT e."id", f."kind", f."value", e."workspaceId", e."conversationId", e."type", e."at", e."flowId", e."channel", e."team", e."agentId", e."intent", e."value", e."value2", e."props"
FROM "ConversationFact" f JOIN "AnalyticsEvent" e ON e."conversationId" = f."conversationId"
WHERE e."type" NOT IN ('message', 'node_left')
ON CONFLICT DO NOTHING;

-- An event really inserted (an id the writer's ON CONFLICT ignored fires nothing) is copied under
-- every fact of its conversation. Its own fact (a first handoff to a team) may be written before or
-- after this runs: the fact's trigger below copies it too, and the key keeps one copy.
CREATE FUNCTION "conversation_fact_event_insert"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ConversationFactEvent" ("eventId", "factKind", "factValue", "workspaceId", "conversationId", "type", "at", "flowId", "channel", "team", "agentId", "intent", "value", "value2", "props")
  SELECT NEW."id", f."kind", f."value", NEW."workspaceId", NEW."conversationId", NEW."type", NEW."at", NEW."flowId", NEW."channel", NEW."team", NEW."agentId", NEW."intent", NEW."value", NEW."value2", NEW."props"
  FROM "ConversationFact" f WHERE f."conversationId" = NEW."conversationId"
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "AnalyticsEvent_fact_event_insert" AFTER INSERT ON "AnalyticsEvent"
  FOR EACH ROW WHEN (NEW."type" NOT IN ('message', 'node_left'))
  EXECUTE FUNCTION "conversation_fact_event_insert"();

-- A new fact (the conversation's first handoff to a team, say) copies the conversation's events
-- already stored, from before the handoff too: the filters follow a conversation's whole history.
CREATE FUNCTION "conversation_fact_events_insert"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ConversationFactEvent" ("eventId", "factKind", "factValue", "workspaceId", "conversationId", "type", "at", "flowId", "channel", "team", "agentId", "intent", "value", "value2", "props")
  SELECT e."id", NEW."kind", NEW."value", e."workspaceId", e."conversationId", e."type", e."at", e."flowId", e."channel", e."team", e."agentId", e."intent", e."value", e."value2", e."props"
  FROM "AnalyticsEvent" e WHERE e."conversationId" = NEW."conversationId" AND e."type" NOT IN ('message', 'node_left')
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "ConversationFact_events_insert" AFTER INSERT ON "ConversationFact"
  FOR EACH ROW EXECUTE FUNCTION "conversation_fact_events_insert"();

-- A fact taken out (its last event deleted) takes its copies out; a deleted event's copies cascade.
CREATE FUNCTION "conversation_fact_events_delete"() RETURNS trigger AS $$
BEGIN
  DELETE FROM "ConversationFactEvent" WHERE "conversationId" = OLD."conversationId" AND "factKind" = OLD."kind" AND "factValue" = OLD."value";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "ConversationFact_events_delete" AFTER DELETE ON "ConversationFact"
  FOR EACH ROW EXECUTE FUNCTION "conversation_fact_events_delete"();
