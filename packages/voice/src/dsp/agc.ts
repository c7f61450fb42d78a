/**
 * Automatic gain control towards a target speech level. The gain is learnt only on speech
 * frames (labels from the VAD), so silence and background noise are never pumped up to the
 * target; it moves smoothly (fast down, slow up, like a broadcast leveller) and a soft limiter
 * keeps the boosted peaks from clipping.
 */
import { powerToDbfs } from "./level";

export interface AgcOptions {
  /** Target RMS level of speech, dBFS. −20 dBFS leaves 20 dB of headroom for peaks. */
  targetDbfs: number;
  maxGainDb: number;
  minGainDb: number;
  /** How fast the gain may rise / fall, dB per second. */
  riseDbPerSec: number;
  fallDbPerSec: number;
}

export const DEFAULT_AGC: AgcOptions = { targetDbfs: -20, maxGainDb: 30, minGainDb: -12, riseDbPerSec: 10, fallDbPerSec: 40 };

const LIMIT = 0.9 * 32768; // the soft limiter starts here

export class AutomaticGainControl {
  private gainDb = 0;
  /** Smoothed speech power, 16-bit scale (null until the first speech frame). */
  private levelPower: number | null = null;
  private readonly opts: AgcOptions;

  constructor(
    private readonly sampleRate: number,
    options: Partial<AgcOptions> = {},
  ) {
    this.opts = { ...DEFAULT_AGC, ...options };
  }

  get currentGainDb(): number {
    return this.gainDb;
  }

  /** Applies the gain in place to one frame (10–30 ms) and learns from it when it is speech. */
  processFrame(x: Float32Array, isSpeech: boolean): void {
    const frameSec = x.length / this.sampleRate;
    const startGain = this.gainDb;
    if (isSpeech) {
      let sum = 0;
      for (let i = 0; i < x.length; i++) sum += x[i]! * x[i]!;
      const power = sum / Math.max(1, x.length);
      // Power (not dB) follower with ~1 s memory: an RMS over syllables and the gaps between
      // them, which is what the target means; one loud syllable does not set the gain.
      const a = Math.min(1, frameSec / 1);
      this.levelPower = this.levelPower === null ? power : this.levelPower + a * (power - this.levelPower);
      const levelDb = powerToDbfs(this.levelPower);
      const wanted = Math.max(this.opts.minGainDb, Math.min(this.opts.maxGainDb, this.opts.targetDbfs - levelDb));
      const step = wanted > this.gainDb ? this.opts.riseDbPerSec * frameSec : -this.opts.fallDbPerSec * frameSec;
      this.gainDb = wanted > this.gainDb ? Math.min(wanted, this.gainDb + step) : Math.max(wanted, this.gainDb + step);
    }
    applyGainRamp(x, startGain, this.gainDb);
  }
}

/**
 * Applies a gain moving linearly from `fromDb` to `toDb` across x, in place, through the soft
 * limiter: a gain step inside a frame would click. Also how the pipeline levels its
 * recognition stream with the gain the AGC learnt on the main one.
 */
export function applyGainRamp(x: Float32Array, fromDb: number, toDb: number): void {
  const g0 = 10 ** (fromDb / 20);
  const g1 = 10 ** (toDb / 20);
  const n = x.length;
  for (let i = 0; i < n; i++) x[i] = softLimit(x[i]! * (g0 + ((g1 - g0) * (i + 1)) / n));
}

/** Identity below LIMIT, then a tanh knee that approaches but never reaches full scale. */
function softLimit(v: number): number {
  const a = Math.abs(v);
  if (a <= LIMIT) return v;
  const room = 32767 - LIMIT;
  return Math.sign(v) * (LIMIT + room * Math.tanh((a - LIMIT) / room));
}
