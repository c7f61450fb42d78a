/**
 * Undo/redo for the flow editor: a bounded stack of graph snapshots (the editor stores the
 * serialized FlowGraph, so a step is cheap to compare and cannot be mutated behind our back).
 *
 * Consecutive edits that carry the same coalesce key replace the newest step instead of adding
 * one: the many position updates of one drag, or the keystrokes typed into one field, undo as a
 * single step. Undo and redo clear the key, so typing after an undo starts a new step.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The coalesce key of the edit that made `present`, if it may absorb the next one. */
  readonly lastKey: string | null;
  readonly limit: number;
}

export const DEFAULT_HISTORY_LIMIT = 100;

export function createHistory<T>(present: T, limit = DEFAULT_HISTORY_LIMIT): History<T> {
  return { past: [], present, future: [], lastKey: null, limit: Math.max(1, limit) };
}

/** Records `next` as the newest state; a redo branch is dropped, as in every editor. */
export function record<T>(history: History<T>, next: T, coalesceKey?: string): History<T> {
  if (Object.is(next, history.present)) return history;
  if (coalesceKey !== undefined && coalesceKey === history.lastKey) {
    return { ...history, present: next, future: [] };
  }
  const past = [...history.past, history.present];
  // Bounded: the oldest steps fall off so a long session does not grow without end.
  if (past.length > history.limit) past.splice(0, past.length - history.limit);
  return { ...history, past, present: next, future: [], lastKey: coalesceKey ?? null };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}

/** The history one step back, or the same history when there is nothing to undo. */
export function undo<T>(history: History<T>): History<T> {
  const previous = history.past.at(-1);
  if (history.past.length === 0) return history;
  return {
    ...history,
    past: history.past.slice(0, -1),
    present: previous as T,
    future: [history.present, ...history.future],
    lastKey: null,
  };
}

/** The history one step forward, or the same history when there is nothing to redo. */
export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...future] = history.future;
  return { ...history, past: [...history.past, history.present], present: next as T, future, lastKey: null };
}
