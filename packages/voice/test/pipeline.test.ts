/**
 * The whole pipeline on generated speech: gain control, clipping, adaptive stage choice, turn
 * metrics, hostile input; and the WAV parser on files written by a real tool (sox).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assessRecording, AudioFormatError, createVoicePipeline, dbfs, encodeWav, parseWav, type VoicePipeline } from "../src/index";
import { cleanupGeneratedAudio, layout, mixAtSnr, noise } from "./support/generated-audio";

const dir = mkdtempSync(join(tmpdir(), "parley-voice-pipeline-"));
afterAll(() => {
  cleanupGeneratedAudio();
  rmSync(dir, { recursive: true, force: true });
});

const clean = layout(16000);
const scaled = (x: Int16Array, gain: number) => Int16Array.from(x, (v) => Math.max(-32768, Math.min(32767, Math.round(v * gain))));

async function runAll(p: VoicePipeline, x: Int16Array, rate = 16000): Promise<Int16Array> {
  const parts: Int16Array[] = [];
  for (let i = 0; i < x.length; i += rate / 50) parts.push((await p.push(x.subarray(i, i + rate / 50))).audio);
  const out = new Int16Array(parts.reduce((s, a) => s + a.length, 0));
  let at = 0;
  for (const a of parts) out.set(a, (at += a.length) - a.length);
  return out;
}

/** Level of the speech parts of x (the layout's second sentence, after the AGC settled). */
function secondSentenceDbfs(x: Int16Array): number {
  const s = clean.speech[1]!;
  return dbfs(x.subarray(Math.round(s.startMs * 16), Math.round(s.endMs * 16)));
}

describe("voice pipeline", () => {
  it("AGC brings quiet speech (−45 dBFS) to the target level", async () => {
    const quiet = scaled(clean.audio, 10 ** (-22 / 20));
    expect(secondSentenceDbfs(quiet)).toBeLessThan(-40);
    const p = await createVoicePipeline({ inputSampleRate: 16000, agc: { targetDbfs: -20 } });
    const out = await runAll(p, quiet);
    const m = p.metrics();
    await p.close();
    expect(m.gainDb).toBeGreaterThan(15);
    // The sentence as a whole (pauses between words included) sits a few dB under its active level.
    expect(secondSentenceDbfs(out)).toBeGreaterThan(-26);
    expect(secondSentenceDbfs(out)).toBeLessThan(-18);
    // Silence before the first sentence was not pumped up.
    expect(dbfs(out.subarray(0, 8000))).toBeLessThan(-60);
  });

  it("detects clipping in over-driven speech and not in clean speech", async () => {
    const hot = await assessRecording(scaled(clean.audio, 8), 16000);
    expect(hot.clippingRatio).toBeGreaterThan(0.02);
    const ok = await assessRecording(clean.audio, 16000);
    expect(ok.clippingRatio).toBe(0);
    expect(ok.levelDbfs).toBeCloseTo(dbfs(clean.audio), 1);
  });

  it("chooses stages from the client's capabilities and re-plans from what it measures", async () => {
    const browserNs = await createVoicePipeline({ inputSampleRate: 48000, capabilities: { noiseSuppressedByBrowser: true } });
    expect(browserNs.stages).toEqual(["resample", "highpass", "vad", "agc"]);
    await browserNs.close();

    // Clean speech: once the SNR estimate is in (> 35 dB), the suppressor is bypassed between utterances.
    const p = await createVoicePipeline({ inputSampleRate: 16000 });
    expect(p.stages).toContain("suppress");
    await runAll(p, clean.audio);
    expect(p.metrics().snrBeforeDb!).toBeGreaterThan(35);
    await p.push(new Int16Array(320)); // silence: the new plan applies here
    expect(p.stages).not.toContain("suppress");
    expect(p.metrics().reasons.join()).toMatch(/clean/);
    await p.close();

    // Noisy input overrides the browser's claim.
    const noisy = mixAtSnr(clean.audio, noise("white", clean.audio.length / 16 + 100, 16000), 5, 16000);
    const q = await createVoicePipeline({ inputSampleRate: 16000, capabilities: { noiseSuppressedByBrowser: true } });
    await runAll(q, noisy);
    await q.push(new Int16Array(320));
    expect(q.stages).toContain("suppress");
    await q.close();
  });

  it("jitter and loss reported by the client lengthen the hangover so a pause does not end the turn", async () => {
    const paused = layout(16000, [500, "Let me think about that.", 900, "Yes, that works for me.", 1500]);
    const gapMs = paused.speech[1]!.startMs - paused.speech[0]!.endMs;
    // A base hangover 300 ms shorter than the pause splits it; jitter 200 ms (+400) and 8% loss (+200) bridge it.
    const hangoverMs = Math.round(gapMs - 300);
    const ends = async (conditions?: { jitterMs: number; packetLossPct: number }) => {
      const p = await createVoicePipeline({ inputSampleRate: 16000, vad: { hangoverMs } });
      if (conditions) p.updateConditions(conditions);
      const events = [];
      for (let i = 0; i < paused.audio.length; i += 320) events.push(...(await p.push(paused.audio.subarray(i, i + 320))).events);
      await p.close();
      return events.filter((e) => e.type === "speech-end").length;
    };
    expect(await ends()).toBe(2);
    expect(await ends({ jitterMs: 200, packetLossPct: 8 })).toBe(1);
  });

  it("streams sharing the process's model keep their own state", async () => {
    // One stream hears the layout, the other silence, pushed alternately frame by frame.
    const a = await createVoicePipeline({ inputSampleRate: 16000 });
    const b = await createVoicePipeline({ inputSampleRate: 16000 });
    const events = { a: [] as string[], b: [] as string[] };
    const silent = new Int16Array(320);
    for (let i = 0; i < clean.audio.length; i += 320) {
      const [ra, rb] = await Promise.all([a.push(clean.audio.subarray(i, i + 320)), b.push(silent)]);
      events.a.push(...ra.events.map((e) => e.type));
      events.b.push(...rb.events.map((e) => e.type));
    }
    expect(events.a).toEqual(["speech-start", "speech-end", "speech-start", "speech-end"]);
    expect(events.b).toEqual([]);
    expect(b.metrics().speechRatio).toBe(0);
    await Promise.all([a.close(), b.close()]);
  });

  it("metrics are per turn", async () => {
    const p = await createVoicePipeline({ inputSampleRate: 16000 });
    await runAll(p, clean.audio);
    const m = p.metrics();
    expect(m.durationMs).toBeCloseTo((clean.audio.length / 16000) * 1000, 0);
    expect(m.rtf).toBeGreaterThan(0);
    expect(Object.keys(m.stageLatencyMs)).toEqual(expect.arrayContaining(["highpass", "suppress", "vad", "agc", "total"]));
    expect(m.speechRatio).toBeGreaterThan(0.3);
    p.resetTurn();
    const fresh = p.metrics();
    expect(fresh).toMatchObject({ durationMs: 0, speechRatio: 0, snrBeforeDb: null, clippingRatio: 0, rtf: 0 });
    await p.close();
  });

  it("refuses bad options and bad pushes with clear errors and keeps working", async () => {
    await expect(createVoicePipeline({ inputSampleRate: 44100 })).rejects.toBeInstanceOf(AudioFormatError);
    await expect(createVoicePipeline({ inputSampleRate: 16000, vad: { threshold: 2 } })).rejects.toThrow(/threshold/);
    const p = await createVoicePipeline({ inputSampleRate: 16000 });
    await expect(p.push(new Float32Array(10) as unknown as Int16Array)).rejects.toBeInstanceOf(AudioFormatError);
    expect((await p.push(new Int16Array(0))).audio).toHaveLength(0);
    // Full-scale square wave and odd lengths: processed, not crashed.
    const harsh = Int16Array.from({ length: 4801 }, (_, i) => (i % 40 < 20 ? 32767 : -32768));
    const r = await p.push(harsh);
    expect(r.audio.every((v) => Number.isInteger(v))).toBe(true);
    p.updateConditions({ jitterMs: Number.NaN, packetLossPct: -5 });
    await p.close();
    await expect(p.push(new Int16Array(10))).rejects.toThrow(/closed/);
  });
});

describe("parseWav on files sox writes", () => {
  const source = join(dir, "source.wav");
  writeFileSync(source, encodeWav(clean.audio.subarray(16000, 48000), 16000)); // 2 s of the first sentence
  const convert = (name: string, args: string[]) => {
    const out = join(dir, name);
    execFileSync("sox", [source, ...args, out]);
    return readFileSync(out);
  };

  it("reads 8/24/32-bit, float and stereo files back to the same audio", () => {
    const ref = dbfs(clean.audio.subarray(16000, 48000));
    for (const [name, args] of [
      ["u8.wav", ["-b", "8", "-e", "unsigned-integer"]],
      ["s24.wav", ["-b", "24"]],
      ["s32.wav", ["-b", "32"]],
      ["f32.wav", ["-b", "32", "-e", "floating-point"]],
      ["f64.wav", ["-b", "64", "-e", "floating-point"]],
      ["stereo48k.wav", ["-c", "2", "-r", "48000"]],
    ] as const) {
      const p = parseWav(convert(name, [...args]));
      expect(Math.abs(dbfs(p.samples) - ref), name).toBeLessThan(0.5);
    }
    expect(parseWav(convert("stereo-b.wav", ["-c", "2"])).channels).toBe(2);
  });

  it("refuses A-law and ADPCM files as unsupported", () => {
    for (const [name, args] of [
      ["alaw.wav", ["-e", "a-law"]],
      ["adpcm.wav", ["-e", "ms-adpcm"]],
    ] as const) {
      expect(() => parseWav(convert(name, [...args]))).toThrow(AudioFormatError);
    }
  });
});
