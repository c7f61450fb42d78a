/**
 * The VAD's raw speech decisions of the latest windows, so that frames which lag behind the VAD
 * (by the suppressor's and resamplers' delays) are labelled speech or noise for the SNR and AGC.
 */
import { VAD_WINDOW } from "../vad/silero";

/** VAD windows remembered for labelling frames that lag behind (suppressor and resampler delays). */
const LABELS_KEPT = 32;

export class VadLabels {
  /** VAD window index → raw speech flag, for the last LABELS_KEPT windows. */
  private readonly labels = new Map<number, boolean>();
  /** Raw speech flag (p ≥ threshold) of the latest VAD window. */
  private speechNow = false;

  /** Records the decision for the window starting at `startSample` (16 kHz stream position). */
  set(startSample: number, speech: boolean): void {
    this.labels.set(startSample / VAD_WINDOW, speech);
    this.speechNow = speech;
  }

  /** The VAD's raw decision for the window holding a 16 kHz stream position; the latest one past the end. */
  isSpeechAt(at16k: number): boolean {
    return this.labels.get(Math.floor(at16k / VAD_WINDOW)) ?? this.speechNow;
  }

  /** Forgets windows older than LABELS_KEPT before the stream position `outSamples`. */
  prune(outSamples: number): void {
    const oldest = Math.floor(outSamples / VAD_WINDOW) - LABELS_KEPT;
    for (const k of this.labels.keys()) if (k < oldest) this.labels.delete(k);
  }
}
