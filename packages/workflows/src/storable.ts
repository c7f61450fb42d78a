import { ActivityFailure, ApplicationFailure } from "@temporalio/workflow";
import { storableText } from "@parley/flow/runtime";
import { FailureType } from "./contracts";

/**
 * True when a persistence activity failed because the database refused a value for good. A local
 * activity's failure arrives as the ApplicationFailure itself, a regular one inside ActivityFailure.
 */
export function isDataRejected(err: unknown): boolean {
  const failure = err instanceof ActivityFailure ? err.cause : err;
  return failure instanceof ApplicationFailure && failure.type === FailureType.DataRejected;
}

/**
 * `value` with every string made storable (lone surrogates → U+FFFD, control characters →
 * spaces), object keys included. Plain JSON in, plain JSON out: what a workflow persists.
 */
export function storable<T>(value: T): T {
  if (typeof value === "string") return storableText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => storable(item)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), storable(item)])) as T;
  }
  return value;
}
