/**
 * Several callers finishing a turn at the same moment: K final decodes (K = 1, 2, 4) sent to
 * the Whisper pool together, for a pool of 1 helper (what one process gave before) and for the
 * default pool (min(2, cores) helpers). Prints wall time per batch (first sent → last answered)
 * p50/p99 (= the slowest caller's wait), the helpers' CPU time per final (from /proc: what a
 * decode costs, which the shared machine's load does not inflate the way it does wall time), and
 * the ratio pool 1 / pool N; WER checks nothing got lost.
 * Speech comes from espeak-ng (the support sentences of the tests, ~3 s each).
 *
 *   npm run voice-speech-pool -w @parley/bench      (or: npx tsx bench/voice/speech-pool.ts [rounds] [size:threads ...])
 *   e.g. `npx tsx bench/voice/speech-pool.ts 6 1:2 2:1 2:2` also tries two helpers of two threads.
 */
import { availableParallelism, loadavg } from "node:os";
import { WhisperSpeechToText, corpusWordErrorRate, transcribe } from "@parley/voice";
import { SUPPORT_SENTENCES, speak } from "../../packages/voice/test/support/speech-audio";
import { cpuTicks } from "../../packages/voice/test/support/whisper-helpers";
import { ms, summarize } from "../lib/stats";

const rounds = Math.max(1, Number(process.argv[2] ?? 6));
const configs = (process.argv.length > 3 ? process.argv.slice(3) : ["1", "default"]).map((arg) => {
  if (arg === "default") return {};
  const [size, threads] = arg.split(":").map(Number);
  return { poolSize: size, ...(threads ? { threads } : {}) };
});
const batchSizes = [1, 2, 4];
const msPerTick = 10; // Linux USER_HZ is 100 (getconf CLK_TCK)
const helperTicks = (stt: WhisperSpeechToText) =>
  stt.poolStats().helpers.reduce((sum, h) => sum + (h.pid === undefined ? 0 : cpuTicks(h.pid)), 0);
const clips = await Promise.all(SUPPORT_SENTENCES.map((s) => speak(s)));

console.log(
  `Whisper pool — ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at start; ` +
    `${rounds} batches per K, each caller a different ~${(clips.reduce((s, c) => s + c.length, 0) / clips.length / 16_000).toFixed(1)} s utterance\n`,
);

// All pools stay up and take turns batch by batch (order rotating), so the other work on this
// shared machine weighs on each of them alike; idle helpers cost no CPU.
const pools = await Promise.all(
  configs.map(async (config) => {
    const stt = new WhisperSpeechToText({ ...config, partialIntervalMs: 0 });
    await stt.warmUp(); // model loads are not what this measures
    const { size, threadsPerHelper } = stt.poolStats();
    return { stt, label: `pool ${size} × ${threadsPerHelper} thread${threadsPerHelper > 1 ? "s" : ""}`, p50s: new Map<number, number>() };
  }),
);

for (const k of batchSizes) {
  const batchMs = pools.map(() => [] as number[]);
  const cpuMs = pools.map(() => 0);
  const pairs = pools.map(() => [] as Array<{ reference: string; hypothesis: string }>);
  for (let round = 0; round < rounds; round++) {
    const picks = Array.from({ length: k }, (_, caller) => (round * k + caller) % clips.length);
    for (let turn = 0; turn < pools.length; turn++) {
      const p = (round + turn) % pools.length;
      const start = performance.now();
      const ticksBefore = helperTicks(pools[p]!.stt);
      const results = await Promise.all(picks.map((i) => transcribe(pools[p]!.stt, clips[i]!)));
      batchMs[p]!.push(performance.now() - start);
      cpuMs[p]! += (helperTicks(pools[p]!.stt) - ticksBefore) * msPerTick;
      results.forEach((r, j) => pairs[p]!.push({ reference: SUPPORT_SENTENCES[picks[j]!]!, hypothesis: r.text }));
    }
  }
  pools.forEach((pool, p) => {
    const s = summarize(batchMs[p]!);
    pool.p50s.set(k, s.p50);
    const cpuPerFinal = cpuMs[p]! / (rounds * k);
    console.log(
      `${pool.label}  K=${k}: batch p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  CPU per final ${ms(cpuPerFinal)}  WER ${(corpusWordErrorRate(pairs[p]!) * 100).toFixed(1)}%`,
    );
  });
}

const [baseline, ...others] = pools;
for (const pool of others) {
  const ratios = batchSizes.map((k) => `K=${k} ${(baseline!.p50s.get(k)! / pool.p50s.get(k)!).toFixed(2)}×`).join("  ");
  console.log(`\nbatch p50, ${baseline!.label} ÷ ${pool.label}: ${ratios}   (> 1: ${pool.label} is faster)`);
}
for (const pool of pools) console.log(`${pool.label}: peak helpers busy at once ${pool.stt.poolStats().peakBusy}`);
console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
await Promise.all(pools.map((pool) => pool.stt.close()));
