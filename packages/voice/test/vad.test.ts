/**
 * Silero VAD through the whole pipeline on generated layouts (espeak-ng speech, sox noise).
 *
 * Tolerance: speech-start is reported at onset − preRoll, speech-end where the silence began.
 * Silero decides per 32 ms window and needs one to a few windows of evidence (espeak's first
 * phoneme may be a soft fricative); the resampler and RNNoise add ≤ 30 ms of delay. So we accept
 * a detected onset from 50 ms early to 160 ms late, and an end from 100 ms early to 160 ms late
 * (a word-final stop — the "t" of "yet" — is a closure then a faint burst that may score below
 * the threshold) — a few windows, under a syllable, and small against the 600 ms hangover that
 * decides when a turn ends.
 */
import { afterAll, describe, expect, it } from "vitest";
import { assessRecording, createVoicePipeline, DEFAULT_VAD, resample, type VadEvent } from "../src/index";
import { cleanupGeneratedAudio, layout, mixAtSnr, noise } from "./support/generated-audio";

afterAll(cleanupGeneratedAudio);

const EARLY_START = 50;
const EARLY_END = 100;
const LATE = 160;

function expectSegments(found: { startMs: number; endMs: number }[], truth: { startMs: number; endMs: number }[], preRollMs: number) {
  expect(found).toHaveLength(truth.length);
  truth.forEach((t, i) => {
    const f = found[i]!;
    const onset = f.startMs + preRollMs;
    expect(onset, `segment ${i} start`).toBeGreaterThanOrEqual(t.startMs - EARLY_START);
    expect(onset, `segment ${i} start`).toBeLessThanOrEqual(t.startMs + LATE);
    expect(f.endMs, `segment ${i} end`).toBeGreaterThanOrEqual(t.endMs - EARLY_END);
    expect(f.endMs, `segment ${i} end`).toBeLessThanOrEqual(t.endMs + LATE);
  });
}

describe("VAD segment boundaries on generated speech", () => {
  const clean = layout(16000);

  it("finds both sentences of a clean layout", async () => {
    const r = await assessRecording(clean.audio, 16000);
    expectSegments(r.speechSegments, clean.speech, DEFAULT_VAD.preRollMs);
    const speechMs = clean.speech.reduce((s, x) => s + x.endMs - x.startMs, 0);
    expect(r.speechRatio).toBeGreaterThan((0.7 * speechMs) / r.durationMs);
    expect(r.speechRatio).toBeLessThan((1.1 * speechMs) / r.durationMs);
  });

  for (const snr of [10, 5]) {
    it(`holds the boundaries in white noise at ${snr} dB SNR`, async () => {
      const noisy = mixAtSnr(clean.audio, noise("white", (clean.audio.length / 16) + 100, 16000), snr, 16000);
      const r = await assessRecording(noisy, 16000);
      expectSegments(r.speechSegments, clean.speech, DEFAULT_VAD.preRollMs);
    });
  }

  it("gives the same segments at 8, 24 and 48 kHz input, streamed in 20 ms frames", async () => {
    for (const rate of [8000, 24000, 48000]) {
      const audio = resample(clean.audio, 16000, rate);
      const p = await createVoicePipeline({ inputSampleRate: rate });
      const events: VadEvent[] = [];
      const step = rate / 50;
      for (let i = 0; i < audio.length; i += step) events.push(...(await p.push(audio.subarray(i, i + step))).events);
      await p.close();
      const segments = [];
      for (let i = 0; i + 1 < events.length; i += 2) segments.push({ startMs: events[i]!.atMs, endMs: events[i + 1]!.atMs });
      expect(events.map((e) => e.type)).toEqual(["speech-start", "speech-end", "speech-start", "speech-end"]);
      expectSegments(segments, clean.speech, DEFAULT_VAD.preRollMs);
    }
  });

  it("a short pause inside a sentence does not split it; a longer hangover merges sentences", async () => {
    const gap = layout(16000, [800, "First part of the thought,", 300, "and the rest of it.", 800]);
    const r = await assessRecording(gap.audio, 16000);
    expect(r.speechSegments).toHaveLength(1);
    const merged = await assessRecording(clean.audio, 16000, { vad: { hangoverMs: 2000 } });
    expect(merged.speechSegments).toHaveLength(1);
  });

  it("assesses recordings at rates the live protocol does not carry (44.1 and 22.05 kHz)", async () => {
    for (const rate of [44100, 22050]) {
      const r = await assessRecording(resample(clean.audio, 16000, rate), rate);
      expectSegments(r.speechSegments, clean.speech, DEFAULT_VAD.preRollMs);
    }
  });

  it("finds no speech in noise alone", async () => {
    const n = noise("white", 3000, 16000);
    const r = await assessRecording(n, 16000);
    expect(r.speechSegments).toEqual([]);
    expect(r.speechRatio).toBeLessThan(0.05);
  });
});
