// The browser side of a call, measured in Node on the same code the page runs: the capture
// worklet's framer (48 kHz → 16 kHz PCM16, 20 ms frames) per 128-sample render quantum, the send
// gate per frame, and the PCM16 → float conversion per 100 ms text-to-speech chunk.
// Prints p50/p99 per call, throughput and the real-time factor (processing time / audio time).
//
//   npx tsx bench/voice/browser-capture.ts
import { PcmFramer } from "../../apps/builder/public/voice/pcm-framer.js";
import { pcm16ToFloat32 } from "../../packages/ui/src/call/pcm";
import { SendGate } from "../../packages/ui/src/call/send-gate";
import { summarize } from "../lib/stats";

const SECONDS = 60;
const INPUT_RATE = 48_000;
const QUANTUM = 128;

function report(name: string, timesMs: number[], audioSeconds: number): void {
  const { p50, p99, mean } = summarize(timesMs);
  const total = mean * timesMs.length;
  console.log(
    `${name.padEnd(34)} p50 ${(p50 * 1000).toFixed(2).padStart(7)} µs  p99 ${(p99 * 1000).toFixed(2).padStart(7)} µs  ` +
      `${Math.round(timesMs.length / (total / 1000)).toLocaleString("en").padStart(11)} calls/s  RTF ${(total / 1000 / audioSeconds).toExponential(2)}`,
  );
}

// Speech-like input: a 200 Hz buzz with harmonics and a little noise.
const input = new Float32Array(INPUT_RATE * SECONDS);
for (let i = 0; i < input.length; i++) {
  const t = i / INPUT_RATE;
  input[i] = 0.3 * Math.sin(2 * Math.PI * 200 * t) + 0.1 * Math.sin(2 * Math.PI * 1400 * t) + 0.02 * (Math.random() - 0.5);
}

// Warm up the JIT, then measure.
const warm = new PcmFramer(INPUT_RATE);
for (let at = 0; at < INPUT_RATE * 5; at += QUANTUM) warm.push(input.subarray(at, at + QUANTUM));

const framer = new PcmFramer(INPUT_RATE);
const framerTimes: number[] = [];
const frames: ArrayBuffer[] = [];
for (let at = 0; at < input.length; at += QUANTUM) {
  const start = performance.now();
  const out = framer.push(input.subarray(at, at + QUANTUM));
  framerTimes.push(performance.now() - start);
  frames.push(...out);
}
report("framer, per 128-sample quantum", framerTimes, SECONDS);

const gate = new SendGate();
const gateTimes: number[] = [];
let sent = 0;
frames.forEach((frame, index) => {
  // Speaking 2 s out of every 5.
  const speaking = index % 250 < 100;
  const start = performance.now();
  sent += gate.push(frame, { mode: "auto", muted: false, pttHeld: false, speaking, detectorReady: true }).length;
  gateTimes.push(performance.now() - start);
});
report("send gate, per 20 ms frame", gateTimes, SECONDS);
console.log(`${"".padEnd(34)} ${frames.length} frames of ${frames[0]!.byteLength} bytes; ${sent} sent (${Math.round((100 * sent) / frames.length)}%: speech, pre-roll, tail)`);

const ttsRate = 24_000;
const chunk = new Int16Array(ttsRate / 10).map((_, i) => Math.round(8000 * Math.sin(i / 5))).buffer;
const ttsTimes: number[] = [];
for (let i = 0; i < SECONDS * 10; i++) {
  const start = performance.now();
  pcm16ToFloat32(chunk);
  ttsTimes.push(performance.now() - start);
}
report("TTS PCM16 → float, per 100 ms", ttsTimes, SECONDS);
