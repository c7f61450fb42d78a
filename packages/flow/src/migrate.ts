import { FLOW_SCHEMA_VERSION } from './graph';

/**
 * Stored flows (drafts and immutable published versions) keep the shape they were saved with;
 * they are upgraded on read, never rewritten in place. Each entry upgrades a graph from version
 * `n` to `n + 1`, so a graph of any old version walks the chain up to FLOW_SCHEMA_VERSION.
 * Migrations work on raw JSON (validation happens after), must be pure and must not mutate
 * their input.
 */
type RawGraph = Record<string, unknown>;

const migrations: Record<number, (graph: RawGraph) => RawGraph> = {
  // Version 0 = graphs saved before the field existed: same shape, just unversioned.
  0: (graph) => ({ ...graph, schemaVersion: 1 }),
};

/** Thrown when a stored graph cannot be upgraded (validateFlow reports it as `schema.version`). */
export class FlowMigrationError extends Error {
  override readonly name = 'FlowMigrationError';
  constructor(
    message: string,
    readonly version: unknown,
  ) {
    super(message);
  }
}

/**
 * Upgrades a stored graph to FLOW_SCHEMA_VERSION. Input that is not an object is returned as is
 * (validation reports it). A missing `schemaVersion` means version 0. Throws FlowMigrationError
 * for a version from the future (saved by a newer Parley) or one that is not a whole number.
 */
export function migrateFlow(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  let graph = raw as RawGraph;
  let version: unknown = graph.schemaVersion ?? 0;

  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new FlowMigrationError(
      `schemaVersion must be a whole number (0 to ${FLOW_SCHEMA_VERSION}), got ${JSON.stringify(version)}.`,
      version,
    );
  }
  if (version > FLOW_SCHEMA_VERSION) {
    throw new FlowMigrationError(
      `This flow was saved with schema version ${version}, but this version of Parley reads up to ` +
        `version ${FLOW_SCHEMA_VERSION}. Upgrade Parley to open it.`,
      version,
    );
  }
  while (version < FLOW_SCHEMA_VERSION) {
    const step = migrations[version];
    if (!step) throw new FlowMigrationError(`No migration from schema version ${version}.`, version);
    version += 1;
    // Stamp the version here so no migration can forget to.
    graph = { ...step(graph), schemaVersion: version };
  }
  return graph;
}
