/** Latency samples of one stage: a bounded window so a long call keeps constant memory. */
const WINDOW = 2048;

export class LatencyStats {
  private readonly values = new Float64Array(WINDOW);
  private count = 0;

  add(ms: number): void {
    this.values[this.count % WINDOW] = ms;
    this.count++;
  }

  summary(): { p50: number; p99: number } {
    const n = Math.min(this.count, WINDOW);
    if (n === 0) return { p50: 0, p99: 0 };
    const sorted = this.values.slice(0, n).sort();
    return { p50: quantile(sorted, 0.5), p99: quantile(sorted, 0.99) };
  }

  reset(): void {
    this.count = 0;
  }
}

/** Nearest-rank quantile of an ascending array. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
