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
      ${scope.from(["voice_turn"], range, Prisma.sql`e."channel" = ${voice(scope)} AND ${scope.prop("engine")} <> ${AZURE_ENGINE}`)}`),
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

/** The latency events of voice turns (ms in `value`): recognition after speech, synthesis to first audio. */
const LATENCIES = { stt: "voice_stt", tts: "voice_tts" } as const;

interface Percentiles {
  p50: number | null;
  p95: number | null;
}

/**
 * The median and 95th percentile of a voice-turn latency, by nearest rank (the value at rank
 * ceil(p × n), n the turns that measured it), so each is a latency that was measured. The database
 * counts the turns per distinct value and sends them as one text ("value:count ...");
 * the ranks are found walking it. Ranking every turn with a window function cost 2.5 times as much,
 * and a row per value costs the driver more than the query (bench/analytics).
 */
async function percentiles(scope: EventScope, range: Range, type: string): Promise<Percentiles> {
  // Every digit of a value, so the percentile is the measured latency exactly.
  const entry = scope.postgres
    ? Prisma.sql`string_agg(h."value"::text || ':' || h."n", ' ')`
    : Prisma.sql`group_concat(printf('%.17g', h."value") || ':' || h."n", ' ')`;
  const [row] = await scope.rows<{ histogram: string | null }>(Prisma.sql`
    SELECT ${entry} AS "histogram" FROM (
      SELECT e."value" AS "value", COUNT(*) AS "n"
      ${scope.from([type], range, Prisma.sql`e."value" IS NOT NULL`)}
      GROUP BY e."value" ORDER BY e."value"
    ) h`);
  const histogram = (row?.histogram ?? "")
    .split(" ")
    .filter(Boolean)
    .map((part) => part.split(":").map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0]);
  const n = histogram.reduce((sum, [, count]) => sum + count, 0);
  const at = (p: number): number | null => {
    if (!n) return null;
    const rank = Math.ceil((p * n) / 100);
    let seen = 0;
    for (const [value, count] of histogram) if ((seen += count) >= rank) return value;
    return null;
  };
  return { p50: at(50), p95: at(95) };
}

async function latencies(scope: EventScope, range: Range) {
  const [stt, tts] = await Promise.all([percentiles(scope, range, LATENCIES.stt), percentiles(scope, range, LATENCIES.tts)]);
  return { stt, tts };
}

const voice = (scope: EventScope) => (scope.postgres ? Prisma.sql`'voice'::"Channel"` : Prisma.sql`'voice'`);

/** SNR buckets of 10 dB; below 10 dB speech recognition suffers audibly. */
const SNR_BUCKET = Prisma.sql`CASE WHEN e."value2" IS NULL THEN NULL WHEN e."value2" < 10 THEN 0 WHEN e."value2" < 20 THEN 10 WHEN e."value2" < 30 THEN 20 ELSE 30 END`;

/**
 * Voice quality: calls, speech-to-text confidence and latency, text-to-speech time to first
 * audio (p50 and p95), SNR distribution, barge-in rate, calls transcribed by an offline engine
 * (no Azure key, or Azure failed over).
 */
export async function voiceDashboard(scope: EventScope, range: Range) {
  // Latency percentiles for both periods, compared like every figure: ranking the turns is the
  // dashboard's costliest read, and reads only the period's turns (bench/analytics).
  const [[now, before], [latency, latencyBefore], snr, engines, byDay] = await Promise.all([
    scope.both(range, (period) => totals(scope, period)),
    scope.both(range, (period) => latencies(scope, period)),
    scope.rows<{ bucket: unknown; count: unknown }>(Prisma.sql`
      SELECT ${SNR_BUCKET} AS "bucket", COUNT(*) AS "count"
      ${scope.from(["voice_turn"], range)} GROUP BY 1 ORDER BY 1`),
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
      sttLatencyP50Ms: { value: latency.stt.p50, previous: latencyBefore.stt.p50 } satisfies Figure,
      sttLatencyP95Ms: { value: latency.stt.p95, previous: latencyBefore.stt.p95 } satisfies Figure,
      ttsFirstByteP50Ms: { value: latency.tts.p50, previous: latencyBefore.tts.p50 } satisfies Figure,
      ttsFirstByteP95Ms: { value: latency.tts.p95, previous: latencyBefore.tts.p95 } satisfies Figure,
    },
    snrBuckets: snr.filter((r) => r.bucket !== null).map((r) => ({ fromDb: num(r.bucket) ?? 0, turns: num(r.count) ?? 0 })),
    engines: engines.sort((a, b) => b.count - a.count || byText(a.keys.label, b.keys.label)).map((r) => ({ engine: r.keys.label ?? "(unknown)", turns: r.count })),
    byDay: byDay
      .sort((a, b) => byText(a.keys.day, b.keys.day))
      .map((r) => ({ day: r.keys.day ?? "", turns: r.count, confidence: mean(r) })),
  };
}
