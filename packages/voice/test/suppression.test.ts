/**
 * RNNoise on generated speech in sox noise. SNR is measured against the known layout (truth
 * labels from the clean clips), so the number says what the suppressor did, not what our VAD
 * thought. Floors are set below the measured figures (README) with margin: white and pink noise
 * are what RNNoise removes best; reversed-speech babble is speech-like and it barely can.
 */
import { afterAll, describe, expect, it } from "vitest";
import { createVoicePipeline, denoise, estimateSnr, resample } from "../src/index";
import { cleanupGeneratedAudio, layout, mixAtSnr, noise, truthLabels, type NoiseKind } from "./support/generated-audio";

afterAll(cleanupGeneratedAudio);

const clean = layout(16000);
const labels = truthLabels(clean);
const snrOf = (x: Int16Array) => estimateSnr(x, 160, labels)!;

const cases: [NoiseKind, number, number][] = [
  // kind, input SNR (dB), minimum improvement (dB)
  ["white", 0, 15],
  ["white", 5, 15],
  ["white", 10, 15],
  ["pink", 0, 10],
  ["pink", 5, 10],
  ["pink", 10, 10],
  ["babble", 10, 2],
];

describe("RNNoise improves SNR", () => {
  for (const [kind, snr, gain] of cases) {
    it(`${kind} noise at ${snr} dB: +${gain} dB or more`, async () => {
      const noisy = mixAtSnr(clean.audio, noise(kind, clean.audio.length / 16 + 100, 16000), snr, 16000);
      const before = snrOf(noisy);
      expect(Math.abs(before - snr)).toBeLessThan(2); // the mix is what we asked for
      const after = snrOf(await denoise(noisy, 16000));
      expect(after - before).toBeGreaterThan(gain);
    });
  }

  it("keeps the speech: denoised clean speech is time-aligned and keeps its level", async () => {
    const out = await denoise(clean.audio, 16000);
    expect(out.length).toBe(clean.audio.length);
    // Cross-correlation peaks within ±2 samples (0.125 ms) of lag 0: denoise() removes the
    // resampler delay and RNNoise's 480-sample frame delay (its input DC filter shifts the
    // phase of low frequencies a little, so the peak is not exactly at 0).
    const corr = (lag: number) => {
      let s = 0;
      for (let i = 2000; i < clean.audio.length - 2000; i++) s += clean.audio[i]! * out[i + lag]!;
      return s;
    };
    const lags = Array.from({ length: 41 }, (_, i) => i - 20); // less than a pitch period (espeak is very periodic)
    const values = lags.map(corr);
    const peak = lags[values.indexOf(Math.max(...values))]!;
    expect(Math.abs(peak)).toBeLessThanOrEqual(2);
    const speechPower = (x: Int16Array) => x.reduce((s, v, i) => (labels(Math.floor(i / 160)) ? s + v * v : s), 0);
    expect(10 * Math.log10(speechPower(out) / speechPower(clean.audio))).toBeGreaterThan(-3);
  });

  it("denoise works at any rate and returns the input's length", async () => {
    const noisy = mixAtSnr(clean.audio, noise("white", clean.audio.length / 16 + 100, 16000), 5, 16000);
    for (const rate of [8000, 48000]) {
      const input = resample(noisy, 16000, rate);
      const out = await denoise(input, rate);
      expect(out.length).toBe(input.length);
      expect(snrOf(resample(out, rate, 16000)) - snrOf(noisy), `${rate} Hz`).toBeGreaterThan(15);
    }
    expect(await denoise(new Int16Array(0), 16000)).toHaveLength(0);
    await expect(denoise(new Int16Array(10), 0)).rejects.toThrow(/sample rate/);
  });

  it("the live pipeline reports the improvement in its metrics (both RNNoise modes)", async () => {
    const noisy = mixAtSnr(clean.audio, noise("white", clean.audio.length / 16 + 100, 16000), 5, 16000);
    for (const [cpuBudget, rate] of [["normal", 16000], ["high", 16000], ["high", 48000]] as const) {
      const input = resample(noisy, 16000, rate);
      const p = await createVoicePipeline({ inputSampleRate: rate, capabilities: { cpuBudget } });
      const out: Int16Array[] = [];
      for (let i = 0; i < input.length; i += rate / 50) out.push((await p.push(input.subarray(i, i + rate / 50))).audio);
      const m = p.metrics();
      await p.close();
      expect(m.stages).toContain("suppress");
      expect(m.snrBeforeDb!).toBeGreaterThan(2);
      expect(m.snrBeforeDb!).toBeLessThan(9);
      expect(m.snrAfterDb! - m.snrBeforeDb!, `${cpuBudget} @ ${rate}`).toBeGreaterThan(15);
      expect(out.reduce((s, a) => s + a.length, 0)).toBeGreaterThan(clean.audio.length - 1000);
    }
  });
});
