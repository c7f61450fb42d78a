import { Prisma } from "@parley/db";
import { num, ratio, type EventScope, type Figure, type Range } from "./scope";

/** Azure's engine name (packages/voice); any other engine is an offline one, used without a key or when Azure failed. */
const AZURE_ENGINE = "azure";

async function totals(scope: EventScope, range: Range) {
  const [row] = await scope.rows<Record<string, unknown>>(Prisma.sql`
    SELECT
      SUM(CASE WHEN e."type" = 'started' THEN 1 ELSE 0 END) AS "calls",
      SUM(CASE WHEN e."type" = 'voice_turn' THEN 1 ELSE 0 END) AS "turns",
      AVG(CASE WHEN e."type" = 'voice_turn' THEN e."value" END) AS "confidence",
      AVG(CASE WHEN e."type" = 'voice_turn' THEN e."value2" END) AS "snr",
      SUM(CASE WHEN e."type" = 'voice_turn' AND ${scope.propTrue("bargeIn")} THEN 1 ELSE 0 END) AS "bargeIns",
      COUNT(DISTINCT CASE WHEN e."type" = 'voice_turn' AND ${scope.prop("engine")} <> ${AZURE_ENGINE} THEN e."conversationId" END) AS "offlineCalls"
    FROM "AnalyticsEvent" e ${scope.where(["started", "voice_turn"], range, Prisma.sql`e."channel" = ${voice(scope)}`)}`);
  return {
    calls: num(row?.calls) ?? 0,
    turns: num(row?.turns) ?? 0,
    confidence: num(row?.confidence),
    snr: num(row?.snr),
    bargeIns: num(row?.bargeIns) ?? 0,
    offlineCalls: num(row?.offlineCalls) ?? 0,
  };
}

const voice = (scope: EventScope) => (scope.postgres ? Prisma.sql`'voice'::"Channel"` : Prisma.sql`'voice'`);

/** SNR buckets of 10 dB; below 10 dB speech recognition suffers audibly. */
const SNR_BUCKET = Prisma.sql`CASE WHEN e."value2" IS NULL THEN NULL WHEN e."value2" < 10 THEN 0 WHEN e."value2" < 20 THEN 10 WHEN e."value2" < 30 THEN 20 ELSE 30 END`;

/**
 * Voice quality: calls, speech-to-text confidence, SNR distribution, barge-in rate, calls
 * transcribed by an offline engine (no Azure key, or Azure failed over). Per-turn STT latency and
 * TTS time to first byte live in the voice gateway and are not events yet.
 */
export async function voiceDashboard(scope: EventScope, range: Range) {
  const [[now, before], snr, engines, byDay] = await Promise.all([
    scope.both(range, (period) => totals(scope, period)),
    scope.rows<{ bucket: unknown; count: unknown }>(Prisma.sql`
      SELECT ${SNR_BUCKET} AS "bucket", COUNT(*) AS "count"
      FROM "AnalyticsEvent" e ${scope.where(["voice_turn"], range)} GROUP BY 1 ORDER BY 1`),
    scope.rows<{ engine: string | null; count: unknown }>(Prisma.sql`
      SELECT ${scope.prop("engine")} AS "engine", COUNT(*) AS "count"
      FROM "AnalyticsEvent" e ${scope.where(["voice_turn"], range)} GROUP BY 1 ORDER BY 2 DESC`),
    scope.rows<{ day: string; turns: unknown; confidence: unknown }>(Prisma.sql`
      SELECT ${scope.day} AS "day", COUNT(*) AS "turns", AVG(e."value") AS "confidence"
      FROM "AnalyticsEvent" e ${scope.where(["voice_turn"], range)} GROUP BY 1 ORDER BY 1`),
  ]);
  const figure = (pick: (t: typeof now) => number | null): Figure => ({ value: pick(now), previous: pick(before) });
  return {
    figures: {
      calls: figure((t) => t.calls),
      sttConfidence: figure((t) => t.confidence),
      snrDb: figure((t) => t.snr),
      bargeInRate: figure((t) => ratio(t.bargeIns, t.turns)),
      offlineCallRate: figure((t) => ratio(t.offlineCalls, t.calls)),
    },
    snrBuckets: snr.filter((r) => r.bucket !== null).map((r) => ({ fromDb: num(r.bucket) ?? 0, turns: num(r.count) ?? 0 })),
    engines: engines.map((r) => ({ engine: r.engine ?? "(unknown)", turns: num(r.count) ?? 0 })),
    byDay: byDay.map((r) => ({ day: r.day, turns: num(r.turns) ?? 0, confidence: num(r.confidence) })),
  };
}
