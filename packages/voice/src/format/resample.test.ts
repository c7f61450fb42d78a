import { describe, expect, it } from "vitest";
import { dbfs } from "../dsp/level";
import { Resampler, resample, toFloat } from "./resample";

const RATES = [8000, 16000, 24000, 48000] as const;

function sine(freq: number, rate: number, seconds: number, amplitude = 10000): Int16Array {
  return Int16Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * freq * i) / rate)));
}

/** Frequency from the zero crossings of the middle of a signal (edges hold the filter's ramp). */
function zeroCrossingFreq(x: Int16Array, rate: number): number {
  const from = Math.floor(x.length * 0.1);
  const to = Math.floor(x.length * 0.9);
  let crossings = 0;
  for (let i = from + 1; i < to; i++) if ((x[i - 1]! < 0) !== (x[i]! < 0)) crossings++;
  return (crossings / 2) * (rate / (to - from));
}

describe("resample", () => {
  for (const from of RATES) {
    for (const to of RATES) {
      if (from === to) continue;
      it(`${from} → ${to} Hz keeps a 440 Hz sine's frequency, level and length`, () => {
        const x = sine(440, from, 1);
        const y = resample(x, from, to);
        expect(y.length).toBe(to);
        expect(zeroCrossingFreq(y, to)).toBeCloseTo(440, -1); // within ±5 Hz
        const mid = (s: Int16Array) => s.subarray(Math.floor(s.length * 0.1), Math.floor(s.length * 0.9));
        expect(Math.abs(dbfs(mid(y)) - dbfs(mid(x)))).toBeLessThan(0.2);
      });
    }
  }

  it("round-trips 16 → 48 → 16 kHz speech-band audio within −40 dB error", () => {
    const x = new Int16Array(16000);
    for (let i = 0; i < x.length; i++) x[i] = Math.round(4000 * Math.sin((2 * Math.PI * 300 * i) / 16000) + 3000 * Math.sin((2 * Math.PI * 2500 * i) / 16000));
    const back = resample(resample(x, 16000, 48000), 48000, 16000);
    const err = new Int16Array(x.length);
    for (let i = 0; i < x.length; i++) err[i] = back[i]! - x[i]!;
    const mid = (s: Int16Array) => s.subarray(1000, 15000);
    expect(dbfs(mid(err)) - dbfs(mid(x))).toBeLessThan(-40);
  });

  it("removes content above the new Nyquist frequency instead of aliasing it", () => {
    const tone = sine(11000, 48000, 1); // aliases to 5 kHz at 16 kHz if not filtered
    const y = resample(tone, 48000, 16000);
    expect(dbfs(y.subarray(1000, 15000)) - dbfs(tone)).toBeLessThan(-60);
  });

  it("streams: any chunking gives the same samples as one call", () => {
    const x = toFloat(sine(700, 16000, 0.5));
    const whole = new Resampler(16000, 48000).process(x);
    const r = new Resampler(16000, 48000);
    const parts: number[] = [];
    let at = 0;
    for (const size of [1, 7, 160, 3, 999, 320, 5000]) {
      parts.push(...r.process(x.subarray(at, at + size)));
      at += size;
    }
    parts.push(...r.process(x.subarray(at)));
    expect(parts.length).toBe(whole.length);
    for (let i = 0; i < parts.length; i++) expect(parts[i]).toBeCloseTo(whole[i]!, 3);
  });

  it("copies when the rates match and refuses nonsense rates", () => {
    const x = new Int16Array([1, 2, 3]);
    const y = resample(x, 16000, 16000);
    expect(Array.from(y)).toEqual([1, 2, 3]);
    expect(y).not.toBe(x);
    expect(() => new Resampler(0, 16000)).toThrow(RangeError);
    expect(() => new Resampler(16000, 44100.5)).toThrow(RangeError);
  });
});
