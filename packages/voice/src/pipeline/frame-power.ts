/** Power of 10 ms frames, the unit the SNR estimators and the AGC work on. */
import { OUTPUT_SAMPLE_RATE } from "./pipeline-types";

/** SNR and AGC work on 10 ms frames. */
export const FRAME_MS = 10;

export interface FramePower {
  /** Stream position of the frame start, in 16 kHz samples. */
  at16k: number;
  power: number;
}

/** Mean square of each whole 10 ms frame of x, which starts at stream sample `start` (at `rate`). */
export function framePowers(x: Float32Array, rate: number, start: number): FramePower[] {
  const frame = (rate * FRAME_MS) / 1000;
  const out: FramePower[] = [];
  for (let i = 0; i + frame <= x.length; i += frame) {
    let sum = 0;
    for (let j = i; j < i + frame; j++) sum += x[j]! * x[j]!;
    out.push({ at16k: ((start + i) * OUTPUT_SAMPLE_RATE) / rate, power: sum / frame });
  }
  return out;
}
