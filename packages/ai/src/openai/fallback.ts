import { classifyOpenAIError, type OpenAIFailureKind } from "./errors";

/** One time the primary engine failed and the fallback answered instead. */
export interface FallbackEvent {
  /** What was asked, e.g. `intent`, `sentiment`, `reply`, `handoff-summary`. */
  task: string;
  primary: string;
  fallback: string;
  kind: OpenAIFailureKind;
  error: Error;
}

export type FallbackListener = (event: FallbackEvent) => void;

/** An engine's answer, stamped with the engine that gave it. */
export type Answered<T> = T & { engine: string };

export interface Engine<A extends unknown[], R> {
  name: string;
  run: (...args: A) => Promise<R>;
}

/**
 * Calls `primary`; if it throws (API error, timeout, output that fails validation), calls
 * `fallback` with the same arguments. The result says which engine answered (`engine`) so the
 * activity result in Temporal's history records it; `onFallback` reports why (the worker logs it).
 * An error of the fallback itself propagates: the activity's retry policy handles it.
 */
export function withFallback<A extends unknown[], R extends object>(
  task: string,
  primary: Engine<A, R>,
  fallback: Engine<A, R>,
  onFallback?: FallbackListener,
): (...args: A) => Promise<Answered<R>> {
  return async (...args: A) => {
    try {
      return { ...(await primary.run(...args)), engine: primary.name };
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      onFallback?.({ task, primary: primary.name, fallback: fallback.name, kind: classifyOpenAIError(err), error });
      return { ...(await fallback.run(...args)), engine: fallback.name };
    }
  };
}
