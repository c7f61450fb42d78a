import { createEscalationActivities, type EscalationDeps } from "./escalation";
import { createPersistenceActivities, type PersistenceDeps } from "./persistence";

export type ActivityDeps = PersistenceDeps & EscalationDeps;

/**
 * Every Parley activity, built from injected dependencies so tests pass a real local database
 * instead of mocking modules. The worker registers the returned object as-is.
 */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createPersistenceActivities(deps),
    ...createEscalationActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export * from "./types";
