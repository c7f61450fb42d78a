/**
 * `push().recognition`: the stream the speech recognizer hears. By default it is the pipeline's
 * 16 kHz signal taken before the noise suppressor, with the AGC's gain applied (Whisper does
 * better on noisy speech than on RNNoise's output: README "What the recognizer hears"), while
 * `audio` — what the VAD and the metrics hear — stays suppressed. Generated speech (espeak-ng)
 * in sox noise; the layout's silences give the noise floor of each stream.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createVoicePipeline, dbfs, planPipeline, type PipelineOptions } from "../src/index";
import { clientCapabilitiesSchema } from "../src/protocol";
import { cleanupGeneratedAudio, layout, mixAtSnr, noise } from "./support/generated-audio";

afterAll(() => cleanupGeneratedAudio());

interface Streams {
  input: Int16Array;
  audio: Int16Array;
  recognition: Int16Array;
  gainDb: number;
  stages: string[];
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

/** The layout at `rate` with white noise at `snrDb` (or clean), scaled by `gainDb`, through one pipeline in 20 ms pushes. */
async function run(options: Omit<PipelineOptions, "inputSampleRate">, { rate = 16000, snrDb = 5 as number | null, gainDb = 0 } = {}): Promise<Streams & { speech: { startMs: number; endMs: number }[] }> {
  const l = layout(rate);
  const mixed = snrDb === null ? l.audio : mixAtSnr(l.audio, noise("white", (l.audio.length / rate) * 1000 + 100, rate), snrDb, rate);
  const input = Int16Array.from(mixed, (v) => Math.round(v * 10 ** (gainDb / 20)));
  const p = await createVoicePipeline({ inputSampleRate: rate as PipelineOptions["inputSampleRate"], ...options });
  const audio: Int16Array[] = [];
  const recognition: Int16Array[] = [];
  for (let i = 0; i < input.length; i += rate / 50) {
    const r = await p.push(input.subarray(i, i + rate / 50));
    audio.push(r.audio);
    recognition.push(r.recognition!);
  }
  const m = p.metrics();
  await p.close();
  return { input, audio: concat(audio), recognition: concat(recognition), gainDb: m.gainDb, stages: m.stages, speech: l.speech };
}

/** Level of the leading silence (noise only), 16 kHz stream; skips the first 200 ms (filter start-up). */
const floorDbfs = (x: Int16Array) => dbfs(x.subarray(3200, 14400));
/** Level of the layout's second sentence in a 16 kHz stream. */
const secondSentence = (x: Int16Array, speech: { startMs: number; endMs: number }[]) => dbfs(x.subarray(Math.round(speech[1]!.startMs * 16), Math.round(speech[1]!.endMs * 16)));

describe("the recognizer's stream", () => {
  it("is the signal before the suppressor: its noise floor is the input's while `audio`'s is suppressed", async () => {
    for (const suppress of ["rnnoise-16k", "rnnoise-48k"] as const) {
      const s = await run({ suppress, capabilities: { noiseSuppressedByBrowser: false } });
      expect(s.stages).toContain("suppress");
      // Noise before the first word: no speech yet, so the AGC is still at 0 dB.
      expect(Math.abs(floorDbfs(s.recognition) - floorDbfs(s.input)), suppress).toBeLessThan(1);
      expect(floorDbfs(s.audio), suppress).toBeLessThan(floorDbfs(s.recognition) - 20);
      // Same clock: every input sample comes out in `recognition`; `audio` lags by the suppressor's buffering.
      expect(s.recognition.length).toBe(s.input.length);
      expect(s.input.length - s.audio.length).toBeGreaterThanOrEqual(0);
      expect(s.input.length - s.audio.length).toBeLessThan(480 + 64);
    }
  });

  it("gets the AGC's gain: quiet noisy speech comes out at the target level, like `audio`", async () => {
    const s = await run({ suppress: "rnnoise-16k", agc: { targetDbfs: -20 } }, { snrDb: 10, gainDb: -22 });
    expect(s.gainDb).toBeGreaterThan(10);
    expect(secondSentence(s.input, s.speech)).toBeLessThan(-40);
    expect(secondSentence(s.recognition, s.speech)).toBeGreaterThan(-28);
    expect(secondSentence(s.recognition, s.speech)).toBeLessThan(-16);
    // Speech dominates both streams, so their levels agree within a few dB (audio has lost the noise).
    expect(Math.abs(secondSentence(s.recognition, s.speech) - secondSentence(s.audio, s.speech))).toBeLessThan(3);
  });

  it("is `audio` itself when nothing is suppressed, or when asked for the suppressed stream", async () => {
    const off = await run({ suppress: "off" });
    expect(off.stages).not.toContain("suppress");
    expect(off.recognition).toEqual(off.audio);

    const suppressed = await run({ suppress: "rnnoise-16k", recognitionInput: "suppressed" });
    expect(suppressed.stages).toContain("suppress");
    expect(suppressed.recognition).toEqual(suppressed.audio);
  });

  it("48 kHz input suppressed at 48 kHz (before the resampler): the recognizer's stream still skips the suppressor", async () => {
    const s = await run({ capabilities: { noiseSuppressedByBrowser: false, cpuBudget: "high" } }, { rate: 48000 });
    expect(s.stages).toEqual(["resample", "highpass", "suppress", "vad", "agc"]);
    expect(floorDbfs(s.audio)).toBeLessThan(floorDbfs(s.recognition) - 20);
    expect(Math.abs(s.recognition.length - s.input.length / 3)).toBeLessThanOrEqual(64);
  });

  it("a forced suppressor mode is kept whatever the plan measures", () => {
    const caps = clientCapabilitiesSchema.parse({ sampleRate: 16000, noiseSuppressedByBrowser: true, cpuBudget: "low" });
    const noisy = { snrDb: 3, packetLossPct: 0, jitterMs: 0 };
    expect(planPipeline(caps, noisy, { hangoverMs: 600 }).suppress).toBe("rnnoise-16k");
    const forced = planPipeline(caps, noisy, { hangoverMs: 600 }, undefined, "off");
    expect(forced.suppress).toBe("off");
    expect(forced.stages).not.toContain("suppress");
    expect(forced.reasons.join()).toMatch(/forced/);
    expect(planPipeline(caps, { ...noisy, snrDb: 50 }, { hangoverMs: 600 }, undefined, "rnnoise-48k").stages).toContain("suppress");
  });

  it("refuses an unknown recognition input or suppressor mode", async () => {
    await expect(createVoicePipeline({ inputSampleRate: 16000, recognitionInput: "raw" as "suppressed" })).rejects.toThrow(/recognitionInput/);
    await expect(createVoicePipeline({ inputSampleRate: 16000, suppress: "rnnoise-8k" as "off" })).rejects.toThrow(/suppress/);
  });
});
