/**
 * Clipping detector over raw 16-bit input. A sample counts as clipped when it sits at (or within
 * one LSB-ish margin of) full scale AND its neighbour does too: a single full-scale peak is a loud
 * but intact waveform, a run of them is a flattened one (a saturated microphone or ADC).
 */
const CLIP_LEVEL = 32767 - 64;

export interface ClippingReport {
  /** Fraction of samples inside runs of ≥ 2 full-scale samples. */
  ratio: number;
  clippedSamples: number;
  /** Number of separate flattened runs. */
  runs: number;
}

export class ClippingDetector {
  private clipped = 0;
  private total = 0;
  private runs = 0;
  /** Length of the full-scale run still open at the end of the last chunk. */
  private open = 0;

  add(x: Int16Array): void {
    let open = this.open;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      if (v >= CLIP_LEVEL || v <= -CLIP_LEVEL - 1) {
        open++;
        if (open === 2) {
          this.clipped += 2;
          this.runs++;
        } else if (open > 2) this.clipped++;
      } else open = 0;
    }
    this.open = open;
    this.total += x.length;
  }

  report(): ClippingReport {
    return { ratio: this.total === 0 ? 0 : this.clipped / this.total, clippedSamples: this.clipped, runs: this.runs };
  }

  reset(): void {
    this.clipped = 0;
    this.total = 0;
    this.runs = 0;
  }
}

export function detectClipping(x: Int16Array): ClippingReport {
  const d = new ClippingDetector();
  d.add(x);
  return d.report();
}
