import { Prisma } from "@parley/db";
import { num, ratio, type EventScope, type Figure, type Range } from "./scope";
import { byText, mean, mean2, tallies, total, type Tally } from "./daily";

/** Azure's engine name (packages/voice); any other engine is an offline one, used without a key or when Azure failed. */
const AZURE_ENGINE = "azure";

/** Counts and means from the daily tallies; calls with an offline engine (distinct) from the voice turns. */
async function totals(scope: EventScope, range: Range) {
  const [rows, [row]] = await Promise.all([
    tallies(scope, range, ["started", "voice_turn"], ["channel"]),
    scope.rows<{ offlineCalls: unknown }>(Prisma.sql`
      SELECT COUNT(DISTINCT e."conversationId") AS "offlineCalls"
      FROM "AnalyticsEvent" e ${scope.where(["voice_turn"], range, Prisma.sql`e."channel" = ${voice(scope)} AND ${scope.prop("engine")} <> ${AZURE_ENGINE}`)}`),
  ]);
  const onVoice = (r: Tally) => r.keys.channel === "voice";
  const turns = total(rows, "voice_turn", onVoice);
  return {
    calls: total(rows, "started", onVoice).count,
    turns: turns.count,
    confidence: mean(turns),
    snr: mean2(turns),
    bargeIns: turns.hits,
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
    tallies(scope, range, ["voice_turn"], ["label"]),
    tallies(scope, range, ["voice_turn"], ["day"]),
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
    engines: engines.sort((a, b) => b.count - a.count || byText(a.keys.label, b.keys.label)).map((r) => ({ engine: r.keys.label ?? "(unknown)", turns: r.count })),
    byDay: byDay
      .sort((a, b) => byText(a.keys.day, b.keys.day))
      .map((r) => ({ day: r.keys.day ?? "", turns: r.count, confidence: mean(r) })),
  };
}
