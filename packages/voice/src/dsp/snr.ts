/**
 * SNR estimate from speech/non-speech labels, no clean reference needed (works on live calls):
 *   SNR = 10·log10((P_speech − P_noise) / P_noise)
 * with P_speech the mean power of frames labelled speech (signal + noise) and P_noise the mean
 * power of the quietest 80% of frames labelled non-speech. The trim matters: a VAD labels the
 * quiet edges of words and short pauses inside speech as non-speech, and those few loud frames
 * would swamp the true noise floor (clean speech was measured at ~12 dB instead of > 30 dB).
 * A median instead would ignore the residual bursts a suppressor leaves and flatter it.
 * Streaming: non-speech frames go into a 0.25 dB histogram, so memory is constant.
 * Labels come from the VAD (or, in tests, from the known layout of generated audio).
 * Gain-invariant, so the pipeline measures it before the AGC.
 */
import { powerToDbfs } from "./level";

const MIN_FRAMES = 10; // per class: fewer gives a number too noisy to report
const NOISE_KEPT = 0.8;
const BIN_DB = 0.25;
const FLOOR_DB = -100;
const BINS = Math.ceil(-FLOOR_DB / BIN_DB) + 1;
const FULL_SCALE_POWER = 32768 * 32768;

export class SnrEstimator {
  private speechPower = 0;
  private speechFrames = 0;
  private readonly noiseHist = new Uint32Array(BINS);
  private noiseFrames = 0;

  add(meanSquare: number, isSpeech: boolean): void {
    if (isSpeech) {
      this.speechPower += meanSquare;
      this.speechFrames++;
    } else {
      const bin = Math.min(BINS - 1, Math.max(0, Math.round((powerToDbfs(meanSquare) - FLOOR_DB) / BIN_DB)));
      this.noiseHist[bin]!++;
      this.noiseFrames++;
    }
  }

  /** Mean power of the quietest NOISE_KEPT of the non-speech frames (16-bit scale mean square). */
  private noiseFloor(): number {
    const keep = Math.max(1, Math.floor(this.noiseFrames * NOISE_KEPT));
    let seen = 0;
    let sum = 0;
    for (let b = 0; b < BINS && seen < keep; b++) {
      const take = Math.min(this.noiseHist[b]!, keep - seen);
      // Digital silence (the floor bin) counts as zero power, not −100 dBFS.
      if (b > 0) sum += take * FULL_SCALE_POWER * 10 ** ((FLOOR_DB + b * BIN_DB) / 10);
      seen += take;
    }
    return sum / keep;
  }

  /** dB, or null until both speech and non-speech were seen; capped to ±80 dB (digital silence). */
  get snrDb(): number | null {
    if (this.speechFrames < MIN_FRAMES || this.noiseFrames < MIN_FRAMES) return null;
    const ps = this.speechPower / this.speechFrames;
    const pn = Math.max(this.noiseFloor(), 1e-3);
    const signal = Math.max(ps - pn, 1e-3);
    return Math.max(-80, Math.min(80, 10 * Math.log10(signal / pn)));
  }

  reset(): void {
    this.speechPower = 0;
    this.speechFrames = 0;
    this.noiseHist.fill(0);
    this.noiseFrames = 0;
  }
}

/** SNR of a whole signal given per-frame speech labels (frameSamples per label). */
export function estimateSnr(x: ArrayLike<number>, frameSamples: number, isSpeech: (frame: number) => boolean): number | null {
  const est = new SnrEstimator();
  for (let f = 0; (f + 1) * frameSamples <= x.length; f++) {
    let sum = 0;
    for (let i = f * frameSamples; i < (f + 1) * frameSamples; i++) sum += x[i]! * x[i]!;
    est.add(sum / frameSamples, isSpeech(f));
  }
  return est.snrDb;
}
