// bench/ai-eval's shared reporting: the goals the issue set (printed at the end, never fatal),
// number formats and a synchronous latency timer. Every section file reports through these.
import { summarize, type LatencySummary } from "../lib/stats";

/** What a section needs from the command line. */
export interface RunOptions {
  quick: boolean;
  verbose: boolean;
  rounds: { intent: number; search: number; sentiment: number; corpus: number };
}

/** Defaults Parley ships: intent router threshold (packages/flow/src/kinds/intent-router.ts). */
export const INTENT_THRESHOLD = 0.3;

export const goals: { name: string; figure: string; met: boolean }[] = [];
export const goal = (name: string, figure: string, met: boolean) => {
  goals.push({ name, figure, met });
  return met ? "goal met" : "goal not met";
};
export const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
export const fx = (value: number, digits = 3) => value.toFixed(digits);
export const lat = (s: LatencySummary) => `p50 ${fmtMs(s.p50)}  p99 ${fmtMs(s.p99)}  (n=${s.count}, max ${fmtMs(s.max)})`;
export function fmtMs(value: number) {
  return value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(2)} ms`;
}
/** Times `run` once per item, `rounds` times over `items`, after one untimed warm-up pass. */
export function time<T>(items: readonly T[], rounds: number, run: (item: T) => unknown): LatencySummary {
  for (const item of items) run(item);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const item of items) {
      const started = performance.now();
      run(item);
      samples.push(performance.now() - started);
    }
  }
  return summarize(samples);
}
