import type { HelperState } from "./whisper-process";

/** What the pool knows of one helper when it places a request. */
export interface HelperLoad {
  state: HelperState;
  /** Decodes sent to it and not answered yet (running or queued in its stdin). */
  inFlight: number;
}

/**
 * How long a request would wait for the helper itself, in final decodes of a short utterance
 * (~0.35 s here): loading the model takes ~0.6 s, about two of them.
 */
const startupCost = { ready: 0, loading: 1, cold: 2 } as const satisfies Record<HelperState, number>;
const preference = { ready: 0, loading: 1, cold: 2 } as const satisfies Record<HelperState, number>;

/**
 * Where a final decode goes: the helper it would start soonest on (fewest decodes ahead of it,
 * counting a model load as two), a running helper on a tie. When even that one is busy and a
 * helper is still cold, `warm` names it: start it now for the next final rather than make this
 * one wait for a model load.
 */
export function placeFinal(helpers: readonly HelperLoad[]): { index: number; warm?: number } {
  let best = 0;
  for (let i = 1; i < helpers.length; i++) {
    const [a, b] = [helpers[i]!, helpers[best]!];
    const costA = a.inFlight + startupCost[a.state];
    const costB = b.inFlight + startupCost[b.state];
    if (costA < costB || (costA === costB && preference[a.state] < preference[b.state])) best = i;
  }
  const chosen = helpers[best]!;
  // Only contention starts another helper: one caller at a time keeps one model in memory.
  const cold = chosen.inFlight > 0 ? helpers.findIndex((h) => h.state === "cold") : -1;
  return cold >= 0 ? { index: best, warm: cold } : { index: best };
}

/**
 * Where a partial re-decode may go: only to a helper that is loaded and has nothing to do, so a
 * partial never starts a helper and never queues ahead of a final. Undefined: skip this partial.
 */
export function placePartial(helpers: readonly HelperLoad[]): number | undefined {
  const index = helpers.findIndex((h) => h.state === "ready" && h.inFlight === 0);
  return index >= 0 ? index : undefined;
}
