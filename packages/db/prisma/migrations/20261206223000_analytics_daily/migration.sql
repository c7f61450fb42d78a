-- The dashboards' daily rollup of AnalyticsEvent (schema.prisma: AnalyticsDaily), kept by triggers.
-- CreateTable
CREATE TABLE "AnalyticsDaily" (
    "workspaceId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,
    "valueCount" INTEGER NOT NULL,
    "valueSum" REAL NOT NULL,
    "value2Count" INTEGER NOT NULL,
    "value2Sum" REAL NOT NULL,
    "shareCount" INTEGER NOT NULL,
    "shareSum" REAL NOT NULL,

    PRIMARY KEY ("workspaceId", "day", "type", "flowId", "channel", "team", "agentId", "label"),
    CONSTRAINT "AnalyticsDaily_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The events already stored. Times are ISO text (UTC), so the day is the first 10 characters.
-- Label: an intent event's intent, a voice turn's engine. Hits: an unanswered knowledge question,
-- a fallback intent, a barge-in. Share: value / value2 (a CSAT score on its scale).
INSERT INTO "AnalyticsDaily"
SELECT "workspaceId", substr("at", 1, 10), "type", COALESCE("flowId", ''), "channel", COALESCE("team", ''), COALESCE("agentId", ''),
  COALESCE(CASE "type" WHEN 'intent' THEN "intent" WHEN 'voice_turn' THEN json_extract("props", '$.engine') END, ''),
  COUNT(*),
  SUM(CASE WHEN ("type" = 'knowledge' AND "value" = 0) OR ("type" = 'intent' AND "intent" = 'fallback') OR ("type" = 'voice_turn' AND json_extract("props", '$.bargeIn') = 1) THEN 1 ELSE 0 END),
  COUNT("value"), COALESCE(SUM("value"), 0), COUNT("value2"), COALESCE(SUM("value2"), 0),
  SUM(CASE WHEN "value2" > 0 AND "value" IS NOT NULL THEN 1 ELSE 0 END), COALESCE(SUM(CASE WHEN "value2" > 0 THEN "value" / "value2" END), 0)
FROM "AnalyticsEvent" WHERE "type" NOT IN ('message', 'node_left')
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- An event really inserted adds itself (an id the insert ignored fires nothing: idempotent).
CREATE TRIGGER "AnalyticsEvent_daily_insert" AFTER INSERT ON "AnalyticsEvent"
WHEN NEW."type" NOT IN ('message', 'node_left')
BEGIN
  INSERT INTO "AnalyticsDaily" ("workspaceId", "day", "type", "flowId", "channel", "team", "agentId", "label", "count", "hits", "valueCount", "valueSum", "value2Count", "value2Sum", "shareCount", "shareSum")
  VALUES (NEW."workspaceId", substr(NEW."at", 1, 10), NEW."type", COALESCE(NEW."flowId", ''), NEW."channel", COALESCE(NEW."team", ''), COALESCE(NEW."agentId", ''),
    COALESCE(CASE NEW."type" WHEN 'intent' THEN NEW."intent" WHEN 'voice_turn' THEN json_extract(NEW."props", '$.engine') END, ''),
    1,
    CASE WHEN (NEW."type" = 'knowledge' AND NEW."value" = 0) OR (NEW."type" = 'intent' AND NEW."intent" = 'fallback') OR (NEW."type" = 'voice_turn' AND json_extract(NEW."props", '$.bargeIn') = 1) THEN 1 ELSE 0 END,
    NEW."value" IS NOT NULL, COALESCE(NEW."value", 0), NEW."value2" IS NOT NULL, COALESCE(NEW."value2", 0),
    CASE WHEN NEW."value2" > 0 AND NEW."value" IS NOT NULL THEN 1 ELSE 0 END, COALESCE(CASE WHEN NEW."value2" > 0 THEN NEW."value" / NEW."value2" END, 0))
  ON CONFLICT ("workspaceId", "day", "type", "flowId", "channel", "team", "agentId", "label") DO UPDATE SET
    "count" = "count" + excluded."count", "hits" = "hits" + excluded."hits",
    "valueCount" = "valueCount" + excluded."valueCount", "valueSum" = "valueSum" + excluded."valueSum",
    "value2Count" = "value2Count" + excluded."value2Count", "value2Sum" = "value2Sum" + excluded."value2Sum",
    "shareCount" = "shareCount" + excluded."shareCount", "shareSum" = "shareSum" + excluded."shareSum";
END;

-- A deleted event (erasure, retention) takes itself out; UPDATE only, so a workspace being
-- deleted (its rollup rows cascade away) gets no row back.
CREATE TRIGGER "AnalyticsEvent_daily_delete" AFTER DELETE ON "AnalyticsEvent"
WHEN OLD."type" NOT IN ('message', 'node_left')
BEGIN
  UPDATE "AnalyticsDaily" SET
    "count" = "count" - 1,
    "hits" = "hits" - (CASE WHEN (OLD."type" = 'knowledge' AND OLD."value" = 0) OR (OLD."type" = 'intent' AND OLD."intent" = 'fallback') OR (OLD."type" = 'voice_turn' AND json_extract(OLD."props", '$.bargeIn') = 1) THEN 1 ELSE 0 END),
    "valueCount" = "valueCount" - (OLD."value" IS NOT NULL), "valueSum" = "valueSum" - COALESCE(OLD."value", 0),
    "value2Count" = "value2Count" - (OLD."value2" IS NOT NULL), "value2Sum" = "value2Sum" - COALESCE(OLD."value2", 0),
    "shareCount" = "shareCount" - (CASE WHEN OLD."value2" > 0 AND OLD."value" IS NOT NULL THEN 1 ELSE 0 END), "shareSum" = "shareSum" - COALESCE(CASE WHEN OLD."value2" > 0 THEN OLD."value" / OLD."value2" END, 0)
  WHERE "workspaceId" = OLD."workspaceId" AND "day" = substr(OLD."at", 1, 10) AND "type" = OLD."type" AND "flowId" = COALESCE(OLD."flowId", '')
    AND "channel" = OLD."channel" AND "team" = COALESCE(OLD."team", '') AND "agentId" = COALESCE(OLD."agentId", '')
    AND "label" = COALESCE(CASE OLD."type" WHEN 'intent' THEN OLD."intent" WHEN 'voice_turn' THEN json_extract(OLD."props", '$.engine') END, '');
END;
