import { describe, expect, it } from "vitest";
import { AutomaticGainControl } from "./agc";
import { ClippingDetector, detectClipping } from "./clipping";
import { HighPassFilter } from "./highpass";
import { dbfs, LevelMeter } from "./level";
import { estimateSnr, SnrEstimator } from "./snr";
import { LatencyStats, quantile } from "./stats";

function tone(freq: number, rate: number, n: number, amplitude: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * freq * i) / rate));
}

/** Deterministic Gaussian-ish noise (sum of uniforms). */
function noise(n: number, amplitude: number, seed = 1): Float32Array {
  let s = seed;
  const u = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32 - 0.5);
  return Float32Array.from({ length: n }, () => amplitude * (u() + u() + u() + u()));
}

describe("HighPassFilter", () => {
  it("removes DC and 20 Hz rumble, passes the voice band", () => {
    const rate = 16000;
    const gain = (freq: number) => {
      const x = tone(freq, rate, rate, 10000);
      const y = new HighPassFilter(rate).process(x.slice());
      return dbfs(y.subarray(rate / 2)) - dbfs(x.subarray(rate / 2));
    };
    expect(gain(20)).toBeLessThan(-20);
    expect(Math.abs(gain(300))).toBeLessThan(0.3);
    expect(Math.abs(gain(3000))).toBeLessThan(0.1);
    const dc = new HighPassFilter(rate).process(new Float32Array(rate).fill(5000));
    expect(Math.abs(dc[rate - 1]!)).toBeLessThan(1);
  });
});

describe("AutomaticGainControl", () => {
  it("brings quiet speech-labelled audio to the target level without touching noise-only frames", () => {
    const rate = 16000;
    const agc = new AutomaticGainControl(rate, { targetDbfs: -20 });
    // Noise first, labelled non-speech: the gain must not move.
    const n = noise(rate, 50);
    for (let i = 0; i < n.length; i += 160) agc.processFrame(n.subarray(i, i + 160), false);
    expect(agc.currentGainDb).toBe(0);
    // Then a −42 dBFS "voice" (a 3 Hz-modulated 200 Hz tone) labelled speech, for 4 s.
    const x = Float32Array.from({ length: 4 * rate }, (_, i) => 330 * (1 + 0.3 * Math.sin((2 * Math.PI * 3 * i) / rate)) * Math.sin((2 * Math.PI * 200 * i) / rate));
    const before = dbfs(x);
    for (let i = 0; i < x.length; i += 160) agc.processFrame(x.subarray(i, i + 160), true);
    expect(before).toBeLessThan(-40);
    expect(Math.abs(dbfs(x.subarray(3 * rate)) - -20)).toBeLessThan(1.5);
  });

  it("turns loud speech down and never clips it", () => {
    const rate = 16000;
    const agc = new AutomaticGainControl(rate);
    const x = tone(300, rate, 2 * rate, 32000);
    for (let i = 0; i < x.length; i += 160) agc.processFrame(x.subarray(i, i + 160), true);
    expect(agc.currentGainDb).toBeLessThan(-5);
    expect(Math.max(...x.map(Math.abs))).toBeLessThan(32767);
    expect(dbfs(x.subarray(rate))).toBeLessThan(-15);
  });
});

describe("ClippingDetector", () => {
  it("counts flattened runs, not single full-scale peaks", () => {
    const clean = Int16Array.from(tone(440, 16000, 16000, 32767), (v) => Math.round(v));
    expect(detectClipping(clean).ratio).toBeLessThan(0.001);
    const clipped = Int16Array.from(tone(440, 16000, 16000, 4 * 32767), (v) => Math.max(-32768, Math.min(32767, Math.round(v))));
    const r = detectClipping(clipped);
    // A sine driven 4× past full scale is flat for 1 − (2/π)·asin(1/4) ≈ 84% of the time.
    expect(r.ratio).toBeGreaterThan(0.8);
    expect(r.ratio).toBeLessThan(0.88);
    expect(r.runs).toBeGreaterThan(800);
  });

  it("joins a run across chunk boundaries and resets per turn", () => {
    const d = new ClippingDetector();
    d.add(new Int16Array([0, 0, 32767]));
    d.add(new Int16Array([32767, 32767, 0]));
    expect(d.report()).toEqual({ ratio: 3 / 6, clippedSamples: 3, runs: 1 });
    d.reset();
    expect(d.report().ratio).toBe(0);
  });
});

describe("SnrEstimator", () => {
  it("recovers a known SNR from labelled frames", () => {
    const rate = 16000;
    const n = noise(4 * rate, 300, 7);
    const x = n.slice();
    const speech = tone(250, rate, 4 * rate, 1);
    // 20 dB above the noise power in the labelled frames (1 s on, 1 s off).
    const noisePower = n.reduce((s, v) => s + v * v, 0) / n.length;
    const amp = Math.sqrt(2 * noisePower * 100);
    const isSpeech = (frame: number) => Math.floor((frame * 160) / rate) % 2 === 1;
    for (let i = 0; i < x.length; i++) if (isSpeech(Math.floor(i / 160))) x[i] = x[i]! + amp * speech[i]!;
    expect(estimateSnr(x, 160, isSpeech)).toBeCloseTo(20, 0);
  });

  it("stays null until both classes were seen", () => {
    const e = new SnrEstimator();
    for (let i = 0; i < 50; i++) e.add(1000, true);
    expect(e.snrDb).toBeNull();
    for (let i = 0; i < 50; i++) e.add(10, false);
    expect(e.snrDb).toBeCloseTo(10 * Math.log10(990 / 10), 0);
  });
});

describe("level and latency helpers", () => {
  it("measure dBFS and percentiles", () => {
    const m = new LevelMeter();
    m.add(new Int16Array(100).fill(16384));
    expect(m.dbfs).toBeCloseTo(-6.02, 1);
    expect(new LevelMeter().dbfs).toBe(-100);
    const s = new LatencyStats();
    for (let i = 1; i <= 100; i++) s.add(i);
    expect(s.summary()).toEqual({ p50: 50, p99: 99 });
    expect(quantile([], 0.5)).toBe(0);
  });
});
