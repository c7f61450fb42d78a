-- The dashboards' daily rollup of AnalyticsEvent (schema.prisma: AnalyticsDaily), kept by triggers.
-- CreateTable
CREATE TABLE "AnalyticsDaily" (
    "workspaceId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "flowId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "team" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "hits" INTEGER NOT NULL,
    "valueCount" INTEGER NOT NULL,
    "valueSum" DOUBLE PRECISION NOT NULL,
    "value2Count" INTEGER NOT NULL,
    "value2Sum" DOUBLE PRECISION NOT NULL,
    "shareCount" INTEGER NOT NULL,
    "shareSum" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "AnalyticsDaily_pkey" PRIMARY KEY ("workspaceId","day","type","flowId","channel","team","agentId","label")
);

-- AddForeignKey
ALTER TABLE "AnalyticsDaily" ADD CONSTRAINT "AnalyticsDaily_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The events already stored (the day in UTC: "at" is a UTC timestamp). Label: an intent event's
-- intent, a voice turn's engine. Hits: an unanswered knowledge question, a fallback intent, a
-- barge-in. Share: value / value2 (a CSAT score on its scale).
INSERT INTO "AnalyticsDaily"
SELECT "workspaceId", to_char("at", 'YYYY-MM-DD'), "type", COALESCE("flowId", ''), "channel", COALESCE("team", ''), COALESCE("agentId", ''),
  COALESCE(CASE "type" WHEN 'intent' THEN "intent" WHEN 'voice_turn' THEN "props"->>'engine' END, ''),
  COUNT(*),
  SUM(CASE WHEN ("type" = 'knowledge' AND "value" = 0) OR ("type" = 'intent' AND "intent" = 'fallback') OR ("type" = 'voice_turn' AND ("props"->>'bargeIn') = 'true') THEN 1 ELSE 0 END),
  COUNT("value"), COALESCE(SUM("value"), 0), COUNT("value2"), COALESCE(SUM("value2"), 0),
  SUM(CASE WHEN "value2" > 0 AND "value" IS NOT NULL THEN 1 ELSE 0 END), COALESCE(SUM(CASE WHEN "value2" > 0 THEN "value" / "value2" END), 0)
FROM "AnalyticsEvent" WHERE "type" NOT IN ('message', 'node_left')
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- An event really inserted adds itself (an id the insert ignored fires nothing: idempotent); a
-- deleted one (erasure, retention) takes itself out, by UPDATE only, so a workspace being deleted
-- (its rollup rows cascade away) gets no row back.
CREATE FUNCTION "analytics_daily_apply"() RETURNS trigger AS $$
DECLARE
  e "AnalyticsEvent";
  sign integer;
  k_day text;
  k_label text;
  hit integer;
  share_n integer;
  share double precision;
BEGIN
  IF TG_OP = 'DELETE' THEN e := OLD; sign := -1; ELSE e := NEW; sign := 1; END IF;
  k_day := to_char(e."at", 'YYYY-MM-DD');
  k_label := COALESCE(CASE e."type" WHEN 'intent' THEN e."intent" WHEN 'voice_turn' THEN e."props"->>'engine' END, '');
  hit := CASE WHEN (e."type" = 'knowledge' AND e."value" = 0) OR (e."type" = 'intent' AND e."intent" = 'fallback')
    OR (e."type" = 'voice_turn' AND (e."props"->>'bargeIn') = 'true') THEN 1 ELSE 0 END;
  share_n := CASE WHEN e."value2" > 0 AND e."value" IS NOT NULL THEN 1 ELSE 0 END;
  share := COALESCE(CASE WHEN e."value2" > 0 THEN e."value" / e."value2" END, 0);
  IF sign = 1 THEN
    INSERT INTO "AnalyticsDaily" ("workspaceId", "day", "type", "flowId", "channel", "team", "agentId", "label", "count", "hits", "valueCount", "valueSum", "value2Count", "value2Sum", "shareCount", "shareSum")
    VALUES (e."workspaceId", k_day, e."type", COALESCE(e."flowId", ''), e."channel", COALESCE(e."team", ''), COALESCE(e."agentId", ''), k_label,
      1, hit, CASE WHEN e."value" IS NULL THEN 0 ELSE 1 END, COALESCE(e."value", 0), CASE WHEN e."value2" IS NULL THEN 0 ELSE 1 END, COALESCE(e."value2", 0), share_n, share)
    ON CONFLICT ("workspaceId", "day", "type", "flowId", "channel", "team", "agentId", "label") DO UPDATE SET
      "count" = "AnalyticsDaily"."count" + 1, "hits" = "AnalyticsDaily"."hits" + EXCLUDED."hits",
      "valueCount" = "AnalyticsDaily"."valueCount" + EXCLUDED."valueCount", "valueSum" = "AnalyticsDaily"."valueSum" + EXCLUDED."valueSum",
      "value2Count" = "AnalyticsDaily"."value2Count" + EXCLUDED."value2Count", "value2Sum" = "AnalyticsDaily"."value2Sum" + EXCLUDED."value2Sum",
      "shareCount" = "AnalyticsDaily"."shareCount" + EXCLUDED."shareCount", "shareSum" = "AnalyticsDaily"."shareSum" + EXCLUDED."shareSum";
  ELSE
    UPDATE "AnalyticsDaily" SET "count" = "count" - 1, "hits" = "hits" - hit,
      "valueCount" = "valueCount" - (CASE WHEN e."value" IS NULL THEN 0 ELSE 1 END), "valueSum" = "valueSum" - COALESCE(e."value", 0),
      "value2Count" = "value2Count" - (CASE WHEN e."value2" IS NULL THEN 0 ELSE 1 END), "value2Sum" = "value2Sum" - COALESCE(e."value2", 0),
      "shareCount" = "shareCount" - share_n, "shareSum" = "shareSum" - share
    WHERE "workspaceId" = e."workspaceId" AND "day" = k_day AND "type" = e."type" AND "flowId" = COALESCE(e."flowId", '')
      AND "channel" = e."channel" AND "team" = COALESCE(e."team", '') AND "agentId" = COALESCE(e."agentId", '') AND "label" = k_label;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AnalyticsEvent_daily_insert" AFTER INSERT ON "AnalyticsEvent"
  FOR EACH ROW WHEN (NEW."type" NOT IN ('message', 'node_left')) EXECUTE FUNCTION "analytics_daily_apply"();
CREATE TRIGGER "AnalyticsEvent_daily_delete" AFTER DELETE ON "AnalyticsEvent"
  FOR EACH ROW WHEN (OLD."type" NOT IN ('message', 'node_left')) EXECUTE FUNCTION "analytics_daily_apply"();
