// bench/voice/pipeline: real-time factor (processing time ÷ audio time) of each stage of the
// @parley/voice pipeline and of the whole chain, on one stream on one core, with p50/p99
// per-frame latencies; then how many concurrent streams two cores sustain in real time
// (two worker processes, one per core, one pipeline per stream, streams interleaved frame by frame).
// Audio: espeak-ng sentences with sox white noise at 10 dB SNR, pushed in 20 ms frames.
//
//   npm run voice -w @parley/bench [-- --quick] [-- --seconds 60]
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fork } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  AutomaticGainControl,
  createVoicePipeline,
  encodeWav,
  HighPassFilter,
  NoiseSuppressor,
  parseWav,
  resample,
  Resampler,
  SileroVadStream,
  type ClientCapabilities,
} from "@parley/voice";
import { summarize } from "../lib/stats";
import { printQuality, qualityRows } from "./suppression-quality";

const FRAME_MS = 20;

interface ChainConfig {
  name: string;
  rate: 8000 | 16000 | 24000 | 48000;
  capabilities: Partial<ClientCapabilities>;
}

/** The configurations a gateway actually runs (see packages/voice/src/pipeline/adaptive.ts). */
const CHAINS: ChainConfig[] = [
  { name: "16 kHz, cpu normal (RNNoise@16k)", rate: 16000, capabilities: { cpuBudget: "normal" } },
  { name: "48 kHz, cpu normal (RNNoise@16k)", rate: 48000, capabilities: { cpuBudget: "normal" } },
  { name: "16 kHz, cpu high (RNNoise@48k via 16→48→16)", rate: 16000, capabilities: { cpuBudget: "high" } },
  { name: "48 kHz, cpu high (RNNoise@48k native)", rate: 48000, capabilities: { cpuBudget: "high" } },
  { name: "16 kHz, browser suppressed (no RNNoise)", rate: 16000, capabilities: { noiseSuppressedByBrowser: true } },
];

/** ~12 s of speech in white noise at 10 dB, 16 kHz, made with espeak-ng and sox. */
function generateAudio(): Int16Array {
  const dir = mkdtempSync(join(tmpdir(), "parley-bench-voice-"));
  try {
    const speech = join(dir, "speech.wav");
    const text =
      "Hello, I would like to check the status of my order please. It was supposed to arrive on Tuesday, " +
      "but nothing has come yet, and the tracking page has not changed since the weekend.";
    execFileSync("espeak-ng", ["-v", "en-us", "-s", "150", "-w", join(dir, "raw.wav"), text]);
    execFileSync("sox", [join(dir, "raw.wav"), "-r", "16000", "-c", "1", "-b", "16", speech, "pad", "1", "1"]);
    const noisy = join(dir, "noisy.wav");
    const secs = parseWav(readFileSync(speech)).durationMs / 1000;
    execFileSync("sox", ["-n", "-r", "16000", "-c", "1", "-b", "16", join(dir, "noise.wav"), "synth", secs.toFixed(3), "whitenoise", "vol", "0.02"]);
    execFileSync("sox", ["-m", speech, join(dir, "noise.wav"), noisy]);
    return parseWav(readFileSync(noisy)).samples;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function loop(x: Int16Array, seconds: number, rate: number): Int16Array {
  const out = new Int16Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i += x.length) out.set(x.subarray(0, Math.min(x.length, out.length - i)), i);
  return out;
}

function frames(x: Int16Array, rate: number): Int16Array[] {
  const n = (rate * FRAME_MS) / 1000;
  const out: Int16Array[] = [];
  for (let i = 0; i + n <= x.length; i += n) out.push(x.slice(i, i + n));
  return out;
}

const toF = (x: Int16Array) => Float32Array.from(x);

interface Row {
  name: string;
  /** Wall time ÷ audio time. */
  rtf: number;
  /** CPU time of this process ÷ audio time: what the stage costs a core, whatever else the machine runs. */
  cpuRtf: number;
  p50: number;
  p99: number;
}

/** Times `step` on every frame; RTF = total time ÷ audio time. */
async function timeFrames<T>(name: string, input: T[], audioSeconds: number, step: (frame: T) => unknown): Promise<Row> {
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of input) {
    const t = performance.now();
    await step(f);
    times.push(performance.now() - t);
  }
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const s = summarize(times);
  return { name, rtf: total / 1000 / audioSeconds, cpuRtf: (cpu.user + cpu.system) / 1e6 / audioSeconds, p50: s.p50, p99: s.p99 };
}

async function stageRows(audio16: Int16Array, seconds: number): Promise<Row[]> {
  const f16 = frames(audio16, 16000).map(toF);
  const audio48 = resample(audio16, 16000, 48000);
  const f48 = frames(audio48, 48000).map(toF);
  const rows: Row[] = [];
  const hp = new HighPassFilter(16000);
  rows.push(await timeFrames("high-pass (16 kHz)", f16.map((f) => f.slice()), seconds, (f) => hp.process(f)));
  const down = new Resampler(48000, 16000);
  rows.push(await timeFrames("resample 48→16 kHz", f48, seconds, (f) => down.process(f)));
  const ns16 = await NoiseSuppressor.create();
  rows.push(await timeFrames("RNNoise @16k (30 ms frames)", f16, seconds, (f) => ns16.process(f)));
  ns16.close();
  const ns48 = await NoiseSuppressor.create();
  rows.push(await timeFrames("RNNoise @48k native", f48, seconds, (f) => ns48.process(f)));
  ns48.close();
  const ns48b = await NoiseSuppressor.create();
  const up = new Resampler(16000, 48000);
  const dn = new Resampler(48000, 16000);
  rows.push(await timeFrames("RNNoise @48k via 16→48→16", f16, seconds, (f) => dn.process(ns48b.process(up.process(f)))));
  ns48b.close();
  const vad = await SileroVadStream.create();
  rows.push(await timeFrames("Silero VAD v5 (32 ms windows)", f16, seconds, (f) => vad.process(f)));
  const agc = new AutomaticGainControl(16000);
  rows.push(await timeFrames("AGC", f16.map((f) => f.slice()), seconds, (f) => agc.processFrame(f, true)));
  return rows;
}

async function chainRows(audio16: Int16Array, seconds: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of CHAINS) {
    const input = frames(c.rate === 16000 ? audio16 : resample(audio16, 16000, c.rate), c.rate);
    const p = await createVoicePipeline({ inputSampleRate: c.rate, capabilities: c.capabilities });
    rows.push(await timeFrames(`chain: ${c.name}`, input, seconds, (f) => p.push(f)));
    await p.close();
  }
  return rows;
}

function printRows(title: string, rows: Row[]) {
  console.log(`\n${title}`);
  console.log(`${"stage".padEnd(52)} ${"RTF wall".padStart(9)} ${"RTF cpu".padStart(8)} ${"p50 ms/frame".padStart(13)} ${"p99 ms/frame".padStart(13)}`);
  for (const r of rows) {
    console.log(`${r.name.padEnd(52)} ${r.rtf.toFixed(4).padStart(9)} ${r.cpuRtf.toFixed(4).padStart(8)} ${r.p50.toFixed(3).padStart(13)} ${r.p99.toFixed(3).padStart(13)}`);
  }
}

// ---- concurrency: each worker process runs `streams` pipelines, interleaved frame by frame ----

interface WorkerJob {
  streams: number;
  /** 16-bit mono WAV at `rate`. */
  audioPath: string;
  rate: number;
  capabilities: Partial<ClientCapabilities>;
}

async function workerMain(job: WorkerJob) {
  const pipelines = await Promise.all(Array.from({ length: job.streams }, () => createVoicePipeline({ inputSampleRate: job.rate as 16000, capabilities: job.capabilities })));
  const input = frames(parseWav(readFileSync(job.audioPath)).samples, job.rate);
  // Streams start at different offsets so their speech does not line up.
  const offset = (s: number) => Math.floor((s * input.length) / Math.max(1, job.streams));
  const frameTimes: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < input.length; i++) {
    const t = performance.now();
    for (let s = 0; s < pipelines.length; s++) await pipelines[s]!.push(input[(i + offset(s)) % input.length]!);
    frameTimes.push(performance.now() - t);
  }
  const elapsed = performance.now() - t0;
  await Promise.all(pipelines.map((p) => p.close()));
  process.send!({ elapsedMs: elapsed, tickP99: summarize(frameTimes).p99 }, () => process.exit(0));
}

async function runWorkers(total: number, audio: Int16Array, chain: ChainConfig): Promise<{ rtf: number; tickP99: number }> {
  const audioPath = join(tmpdir(), `parley-bench-voice-${process.pid}-${chain.rate}.wav`);
  writeFileSync(audioPath, encodeWav(audio, chain.rate));
  const perWorker = [Math.ceil(total / 2), Math.floor(total / 2)].filter((n) => n > 0);
  const results = await Promise.all(
    perWorker.map(
      (streams) =>
        new Promise<{ elapsedMs: number; tickP99: number }>((resolve, reject) => {
          // A child process per core (tsx's loader hooks do not reach worker threads).
          const job: WorkerJob = { streams, audioPath, rate: chain.rate, capabilities: chain.capabilities };
          const child = fork(fileURLToPath(import.meta.url), ["--worker", JSON.stringify(job)], { execArgv: ["--import", "tsx", "--no-warnings"] });
          child.once("message", (m) => resolve(m as { elapsedMs: number; tickP99: number }));
          child.once("error", reject);
          child.once("exit", (code) => code !== 0 && reject(new Error(`stream worker exited with ${code}`)));
        }),
    ),
  );
  rmSync(audioPath, { force: true });
  const seconds = audio.length / chain.rate;
  return { rtf: Math.max(...results.map((r) => r.elapsedMs)) / 1000 / seconds, tickP99: Math.max(...results.map((r) => r.tickP99)) };
}

/** Largest N whose slowest stream still runs faster than real time (RTF < 1), by doubling then bisection. */
async function maxStreams(audio16: Int16Array, chain: ChainConfig, start: number): Promise<number> {
  const audio = chain.rate === 16000 ? audio16 : resample(audio16, 16000, chain.rate);
  const trial = async (n: number) => {
    const r = await runWorkers(n, audio, chain);
    console.log(`  ${String(n).padStart(4)} streams: RTF per stream ${r.rtf.toFixed(3)}, p99 per 20 ms tick (all streams of a worker) ${r.tickP99.toFixed(1)} ms`);
    return r.rtf < 1;
  };
  let lo = 0;
  let hi = start;
  while (await trial(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > Math.max(1, Math.floor(lo / 16))) {
    const mid = Math.floor((lo + hi) / 2);
    if (await trial(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

async function main() {
  if (process.argv.includes("--quality-only")) {
    printQuality(await qualityRows());
    return;
  }
  const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, seconds: { type: "string", default: "60" }, "quality-only": { type: "boolean", default: false } } });
  const seconds = values.quick ? 12 : Number(values.seconds);
  const concurrencySeconds = values.quick ? 4 : 20;
  const clip = generateAudio();
  const audio16 = loop(clip, seconds, 16000);
  console.log(`@parley/voice pipeline — ${seconds} s of espeak-ng speech in white noise per run, ${FRAME_MS} ms frames, Node ${process.version}`);
  // Wall-clock figures depend on what else the machine runs; the CPU-time column does not (much).
  console.log(`${cpus().length} cores (${cpus()[0]?.model}), load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  printRows("Stages, one stream, one core", await stageRows(audio16, seconds));
  const chains = await chainRows(audio16, seconds);
  printRows("Whole chain (createVoicePipeline), one stream, one core", chains);
  const chainCpu = new Map(chains.map((r) => [r.name.replace(/^chain: /, ""), r.cpuRtf]));

  printQuality(await qualityRows());

  console.log(`\nConcurrent streams on two cores (2 worker processes, ${concurrencySeconds} s of audio per stream)`);
  for (const chain of values.quick ? [CHAINS[0]!] : [CHAINS[0]!, CHAINS[2]!]) {
    console.log(`chain: ${chain.name}`);
    const n = await maxStreams(loop(clip, concurrencySeconds, 16000), chain, values.quick ? 16 : 32);
    const single = chainCpu.get(chain.name);
    const bound = single ? ` (CPU-time bound on an idle machine: 2 ÷ ${single.toFixed(4)} ≈ ${Math.floor(2 / single)})` : "";
    console.log(`  → two cores sustain ${n} concurrent streams in real time at load average ${loadavg()[0]!.toFixed(2)}${bound}`);
  }
}

const workerArg = process.argv.indexOf("--worker");
if (workerArg >= 0) await workerMain(JSON.parse(process.argv[workerArg + 1]!) as WorkerJob);
else await main();
