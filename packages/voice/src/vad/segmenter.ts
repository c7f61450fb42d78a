/**
 * Turns per-window speech probabilities into speech-start / speech-end events. Pure state
 * machine (no model), so its rules are unit-tested directly:
 *  - a window with p ≥ threshold opens a candidate; it becomes speech once it has lasted
 *    minSpeechMs without dropping below negativeThreshold (clicks and coughs do not start turns);
 *  - speech ends after hangoverMs of windows below negativeThreshold (a pause between words
 *    does not end the turn); between the two thresholds the current state holds (hysteresis).
 * Times are of the audio, not of the wall clock: speech-start is backdated by preRollMs so a
 * consumer that starts recognition from `atMs` hears the onset; speech-end is where the silence
 * began (its detection comes hangoverMs later, see `detectedAtMs`).
 */
export interface VadOptions {
  threshold: number;
  negativeThreshold: number;
  minSpeechMs: number;
  /** Silence before speech-end. */
  hangoverMs: number;
  preRollMs: number;
}

export interface VadEvent {
  type: "speech-start" | "speech-end";
  /** Position in the audio stream, ms from the first sample pushed. */
  atMs: number;
  /** Stream position at which the event could be decided (≥ atMs). */
  detectedAtMs?: number;
}

export const DEFAULT_VAD: VadOptions = { threshold: 0.5, negativeThreshold: 0.35, minSpeechMs: 200, hangoverMs: 600, preRollMs: 300 };

export function vadOptions(partial: Partial<VadOptions> = {}): VadOptions {
  const o = { ...DEFAULT_VAD, ...partial };
  const inRange = (v: number, lo: number, hi: number) => Number.isFinite(v) && v >= lo && v <= hi;
  if (!inRange(o.threshold, 0, 1) || !inRange(o.negativeThreshold, 0, 1) || o.negativeThreshold > o.threshold) {
    throw new RangeError(`VAD thresholds must satisfy 0 ≤ negativeThreshold (${o.negativeThreshold}) ≤ threshold (${o.threshold}) ≤ 1`);
  }
  for (const k of ["minSpeechMs", "hangoverMs", "preRollMs"] as const) {
    if (!inRange(o[k], 0, 60_000)) throw new RangeError(`VAD ${k} must be 0–60000 ms, got ${o[k]}`);
  }
  return o;
}

type State = "silence" | "candidate" | "speech" | "hangover";

export class VadSegmenter {
  private state: State = "silence";
  private onsetMs = 0;
  private silenceFromMs = 0;
  private lastSpeechEndMs = 0;
  options: VadOptions;

  constructor(options: Partial<VadOptions> = {}) {
    this.options = vadOptions(options);
  }

  get inSpeech(): boolean {
    return this.state === "speech" || this.state === "hangover";
  }

  /** One window [startMs, endMs) with speech probability p; returns the events it decides. */
  push(p: number, startMs: number, endMs: number): VadEvent[] {
    const o = this.options;
    switch (this.state) {
      case "silence":
        if (p >= o.threshold) {
          this.state = "candidate";
          this.onsetMs = startMs;
          return this.confirm(endMs);
        }
        return [];
      case "candidate":
        if (p < o.negativeThreshold) {
          this.state = "silence";
          return [];
        }
        return this.confirm(endMs);
      case "speech":
        if (p < o.negativeThreshold) {
          this.state = "hangover";
          this.silenceFromMs = startMs;
          return this.endIfLong(endMs);
        }
        return [];
      case "hangover":
        if (p >= o.threshold) {
          this.state = "speech";
          return [];
        }
        return this.endIfLong(endMs);
    }
  }

  /** Closes an open segment at `atMs` (end of stream or of a push-to-talk turn). */
  flush(atMs: number): VadEvent[] {
    const open = this.inSpeech;
    const end = this.state === "hangover" ? this.silenceFromMs : atMs;
    this.state = "silence";
    return open ? [{ type: "speech-end", atMs: end, detectedAtMs: atMs }] : [];
  }

  private confirm(endMs: number): VadEvent[] {
    if (endMs - this.onsetMs < this.options.minSpeechMs) return [];
    this.state = "speech";
    // Never backdate into the previous segment.
    const atMs = Math.max(0, this.lastSpeechEndMs, this.onsetMs - this.options.preRollMs);
    return [{ type: "speech-start", atMs, detectedAtMs: endMs }];
  }

  private endIfLong(endMs: number): VadEvent[] {
    if (endMs - this.silenceFromMs < this.options.hangoverMs) return [];
    this.state = "silence";
    this.lastSpeechEndMs = this.silenceFromMs;
    return [{ type: "speech-end", atMs: this.silenceFromMs, detectedAtMs: endMs }];
  }
}
