/**
 * Second-order Butterworth high-pass (RBJ biquad, transposed direct form II). Removes DC offset,
 * handling rumble and mains hum below the voice band before the suppressor and the VAD see it;
 * 80 Hz keeps the fundamental of low male voices (≈ 85 Hz and up).
 */
export class HighPassFilter {
  private readonly b0: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly a1: number;
  private readonly a2: number;
  private z1 = 0;
  private z2 = 0;

  constructor(sampleRate: number, cutoffHz = 80) {
    const w0 = (2 * Math.PI * cutoffHz) / sampleRate;
    const alpha = Math.sin(w0) / Math.SQRT2; // sin(w0)/(2Q) with Butterworth Q = 1/√2
    const cos = Math.cos(w0);
    const a0 = 1 + alpha;
    this.b0 = (1 + cos) / 2 / a0;
    this.b1 = -(1 + cos) / a0;
    this.b2 = (1 + cos) / 2 / a0;
    this.a1 = (-2 * cos) / a0;
    this.a2 = (1 - alpha) / a0;
  }

  /** Filters in place. */
  process(x: Float32Array): Float32Array {
    let { z1, z2 } = this;
    const { b0, b1, b2, a1, a2 } = this;
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      const y = b0 * v + z1;
      z1 = b1 * v - a1 * y + z2;
      z2 = b2 * v - a2 * y;
      x[i] = y;
    }
    this.z1 = z1;
    this.z2 = z2;
    return x;
  }
}
