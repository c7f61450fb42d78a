// bench/voice/overhead: the voice platform's own latency from the end of a caller's turn to the
// first byte of the bot's speech, through the real gateway (WebSocket) → Temporal Update → flow
// interpreter → SQLite → reply → TTS. The speech providers answer after fixed latencies and the
// pipeline's VAD is a plain energy gate that ends the turn on the first quiet frame, so what is
// left after subtracting the providers' latencies is Parley's overhead (goal: p95 ≤ 50 ms).
//
//   npm run voice-overhead -w @parley/bench [-- --turns 100 --quick]
import { parseArgs } from "node:util";
import { WebSocket } from "ws";
import { attachVoiceGateway, type VoiceEngines } from "@parley/api-server";
import { echoFlow } from "../../test/support/echo-flow";
import { startBenchStack } from "../lib/stack";
import { ms, summarize } from "../lib/stats";

const { values } = parseArgs({ options: { turns: { type: "string", default: "100" }, quick: { type: "boolean", default: false } } });
const TURNS = values.quick ? 20 : Number(values.turns);
const RATE = 16_000;
const FRAME = RATE / 50; // 20 ms

/** Providers that take exactly the given time: STT to finish, TTS to its first chunk. */
function fixedLatencyEngines(sttMs: number, ttsMs: number): VoiceEngines {
  const sleep = (time: number) => new Promise((resolve) => setTimeout(resolve, time));
  return {
    async createPipeline() {
      let speaking = false;
      return {
        async push(samples) {
          let energy = 0;
          for (const s of samples) energy += s * s;
          const loud = Math.sqrt(energy / samples.length) > 1000;
          const events = loud !== speaking ? [{ type: loud ? ("speech-start" as const) : ("speech-end" as const), atMs: 0 }] : [];
          speaking = loud;
          return { audio: samples, events };
        },
        flush: async () => ({ audio: new Int16Array(0), events: [] }),
        metrics: () => ({ levelDbfs: -20, snrBeforeDb: 30, snrAfterDb: 35, speechRatio: 0.8, clippingRatio: 0, stageLatencyMs: {}, rtf: 0, stages: ["energy-vad"], durationMs: 0, gainDb: 0, reasons: [] }),
        resetTurn() {},
        updateConditions() {},
        async close() {},
      };
    },
    stt: {
      name: "fixed",
      async start() {
        return {
          write() {},
          onPartial() {},
          async finish() {
            if (sttMs > 0) await sleep(sttMs);
            return { text: "hello", confidence: 0.9, words: [], engine: "fixed" };
          },
          close() {},
        };
      },
    },
    tts: {
      name: "fixed",
      sampleRate: RATE,
      async *synthesize() {
        if (ttsMs > 0) await sleep(ttsMs);
        for (let i = 0; i < 5; i++) yield new Int16Array(FRAME);
      },
    },
  };
}

const stack = await startBenchStack();
const flowId = await stack.publish("Echo (voice bench)", echoFlow);
const wsBase = stack.baseUrl.replace(/^http/, "ws");
const loud = Int16Array.from({ length: FRAME }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 220 * i) / RATE)));
const quiet = new Int16Array(FRAME);

interface Frame {
  text?: { type: string; [key: string]: unknown };
  binary?: boolean;
  at: number;
}

async function measure(sttMs: number, ttsMs: number) {
  const gateway = attachVoiceGateway(stack.server, { services: stack.services, engines: fixedLatencyEngines(sttMs, ttsMs), limits: { playbackLeadMs: 10_000 } });
  const { conversationId, token } = await stack.api.conversations.start.mutate({ flowId, channel: "voice" });
  const socket = new WebSocket(`${wsBase}/voice/calls/${conversationId}?token=${token}`);
  const frames: Frame[] = [];
  let notify: (() => void) | null = null;
  socket.on("message", (data, isBinary) => {
    frames.push(isBinary ? { binary: true, at: performance.now() } : { text: JSON.parse(String(data)), at: performance.now() });
    notify?.();
  });
  const next = async (match: (frame: Frame) => boolean): Promise<Frame> => {
    for (;;) {
      const index = frames.findIndex(match);
      if (index >= 0) return frames.splice(0, index + 1).at(-1)!;
      await new Promise<void>((resolve) => (notify = resolve));
    }
  };
  await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
  socket.send(JSON.stringify({ type: "hello", capabilities: { sampleRate: RATE } }));
  await next((f) => f.text?.type === "ready");
  const listening = (f: Frame) => f.text?.type === "state" && f.text.state === "listening";
  await next((f) => f.text?.type === "tts-end"); // the opening question…
  await next(listening); // …played out
  const overheads: number[] = [];
  /** Where the time goes: end of turn → final (recognizer), final → reply (the Update round trip), reply → audio (TTS, send). */
  const phases = { toFinal: [] as number[], toReply: [] as number[], toAudio: [] as number[] };
  for (let turn = 0; turn < TURNS; turn++) {
    for (let i = 0; i < 5; i++) socket.send(loud);
    frames.length = 0;
    const endOfTurn = performance.now();
    socket.send(quiet);
    const final = await next((f) => f.text?.type === "final");
    const reply = await next((f) => f.text?.type === "reply");
    const first = await next((f) => f.binary === true);
    overheads.push(first.at - endOfTurn - sttMs - ttsMs);
    phases.toFinal.push(final.at - endOfTurn - sttMs);
    phases.toReply.push(reply.at - final.at);
    phases.toAudio.push(first.at - reply.at - ttsMs);
    // Both replies ("You said hello", "Say something") finish before the next turn.
    await next((f) => f.text?.type === "tts-end");
    await next((f) => f.text?.type === "tts-end");
    await next(listening);
  }
  socket.close();
  gateway.close();
  return { total: summarize(overheads), toFinal: summarize(phases.toFinal), toReply: summarize(phases.toReply), toAudio: summarize(phases.toAudio) };
}

console.log(`voice overhead: end of turn → first TTS byte, minus provider latency (${TURNS} turns per row)`);
for (const [stt, tts] of [
  [0, 0],
  [50, 50],
] as const) {
  const { total: s, ...parts } = await measure(stt, tts);
  console.log(`  STT ${stt} ms, TTS ${tts} ms:  p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  (goal p95 ≤ 50 ms)`);
  for (const [name, part] of Object.entries(parts)) console.log(`      ${name.padEnd(8)} p50 ${ms(part.p50)}  p95 ${ms(part.p95)}  p99 ${ms(part.p99)}`);
}
await stack.stop();
