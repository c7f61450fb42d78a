import { describe, expect, it } from "vitest";
import { VadSegmenter, vadOptions } from "./segmenter";

/** Feeds one probability per 32 ms window; returns the events with their window index. */
function run(seg: VadSegmenter, probs: number[]) {
  const events: { type: string; atMs: number; detectedAtMs?: number }[] = [];
  probs.forEach((p, i) => events.push(...seg.push(p, i * 32, (i + 1) * 32)));
  return events;
}

const W = (n: number, p: number) => Array<number>(n).fill(p);

describe("VadSegmenter", () => {
  it("starts after minSpeechMs, backdated by the pre-roll, and ends after the hangover", () => {
    const seg = new VadSegmenter({ minSpeechMs: 96, hangoverMs: 320, preRollMs: 128 });
    const ev = run(seg, [...W(20, 0.05), ...W(30, 0.9), ...W(20, 0.05)]);
    expect(ev).toEqual([
      { type: "speech-start", atMs: 20 * 32 - 128, detectedAtMs: 23 * 32 },
      { type: "speech-end", atMs: 50 * 32, detectedAtMs: 60 * 32 },
    ]);
  });

  it("ignores blips shorter than minSpeechMs and pauses shorter than the hangover", () => {
    const seg = new VadSegmenter({ minSpeechMs: 200, hangoverMs: 500, preRollMs: 0 });
    const ev = run(seg, [...W(10, 0), ...W(3, 0.95), ...W(10, 0), ...W(20, 0.9), ...W(10, 0.1), ...W(20, 0.9), ...W(30, 0)]);
    expect(ev.map((e) => e.type)).toEqual(["speech-start", "speech-end"]);
    expect(ev[0]!.atMs).toBe(23 * 32);
    expect(ev[1]!.atMs).toBe(73 * 32);
  });

  it("holds its state between the two thresholds (hysteresis)", () => {
    const seg = new VadSegmenter({ threshold: 0.6, negativeThreshold: 0.3, minSpeechMs: 0, hangoverMs: 64, preRollMs: 0 });
    // 0.45 neither starts speech nor ends it.
    expect(run(seg, W(10, 0.45))).toEqual([]);
    const ev = run(seg, [0.7, ...W(20, 0.45), 0.1, 0.1, 0.1]);
    expect(ev.map((e) => e.type)).toEqual(["speech-start", "speech-end"]);
  });

  it("never backdates a start into the previous segment, and flush closes an open one", () => {
    const seg = new VadSegmenter({ minSpeechMs: 0, hangoverMs: 64, preRollMs: 1000 });
    const ev = run(seg, [...W(5, 0), ...W(5, 0.9), ...W(3, 0), ...W(5, 0.9)]);
    expect(ev.map((e) => [e.type, e.atMs])).toEqual([
      ["speech-start", 0],
      ["speech-end", 10 * 32],
      ["speech-start", 10 * 32],
    ]);
    expect(seg.inSpeech).toBe(true);
    expect(seg.flush(999)).toEqual([{ type: "speech-end", atMs: 999, detectedAtMs: 999 }]);
    expect(seg.flush(1000)).toEqual([]);
  });

  it("refuses incoherent options", () => {
    expect(() => vadOptions({ threshold: 0.3, negativeThreshold: 0.5 })).toThrow(RangeError);
    expect(() => vadOptions({ threshold: 1.5 })).toThrow(RangeError);
    expect(() => vadOptions({ hangoverMs: -1 })).toThrow(RangeError);
    expect(() => vadOptions({ minSpeechMs: Number.NaN })).toThrow(RangeError);
  });
});
