/** Levels on the 16-bit scale, in dB relative to a full-scale square wave (dBFS). */
const FULL_SCALE_POWER = 32768 * 32768;
export const SILENCE_DBFS = -100;

export function powerToDbfs(meanSquare: number): number {
  return meanSquare <= 0 ? SILENCE_DBFS : Math.max(SILENCE_DBFS, 10 * Math.log10(meanSquare / FULL_SCALE_POWER));
}

export function meanSquare(x: ArrayLike<number>, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i]! * x[i]!;
  return to > from ? sum / (to - from) : 0;
}

export function dbfs(x: ArrayLike<number>): number {
  return powerToDbfs(meanSquare(x));
}

/** Running mean level of everything seen, dBFS. */
export class LevelMeter {
  private sum = 0;
  private count = 0;

  add(x: ArrayLike<number>): void {
    for (let i = 0; i < x.length; i++) this.sum += x[i]! * x[i]!;
    this.count += x.length;
  }

  get dbfs(): number {
    return this.count === 0 ? SILENCE_DBFS : powerToDbfs(this.sum / this.count);
  }

  reset(): void {
    this.sum = 0;
    this.count = 0;
  }
}
