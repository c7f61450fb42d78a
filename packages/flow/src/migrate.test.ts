import { describe, expect, it } from 'vitest';
import { baseFlow, clone } from '../test/fixtures';
import { FLOW_SCHEMA_VERSION } from './graph';
import { FlowMigrationError, migrateFlow } from './migrate';
import { validateFlow } from './validate';

describe('migrateFlow', () => {
  it('upgrades a version-0 graph (no schemaVersion) by adding the field, without mutating it', () => {
    const { schemaVersion: _v, ...v0 } = baseFlow();
    const before = clone(v0);
    const migrated = migrateFlow(v0) as Record<string, unknown>;
    expect(migrated).toEqual({ ...before, schemaVersion: 1 });
    expect(v0).toEqual(before);
    expect(v0).not.toHaveProperty('schemaVersion');
  });

  it('treats an explicit version 0 the same way', () => {
    expect(migrateFlow({ schemaVersion: 0, nodes: [], edges: [] })).toEqual({ schemaVersion: 1, nodes: [], edges: [] });
  });

  it('leaves a current graph as it is', () => {
    const flow = baseFlow();
    expect(migrateFlow(flow)).toEqual(flow);
    expect(FLOW_SCHEMA_VERSION).toBe(1);
  });

  it('passes non-objects through for validation to report', () => {
    expect(migrateFlow('x')).toBe('x');
    expect(migrateFlow(null)).toBe(null);
    const arr: unknown[] = [];
    expect(migrateFlow(arr)).toBe(arr);
  });

  it('refuses versions from the future', () => {
    expect(() => migrateFlow({ schemaVersion: 2 })).toThrow(FlowMigrationError);
    expect(() => migrateFlow({ schemaVersion: 2 })).toThrow(/schema version 2.*reads up to version 1/);
  });

  it.each(['1', 1.5, -1, true])('refuses a schemaVersion of %j', (version) => {
    expect(() => migrateFlow({ schemaVersion: version })).toThrow(/whole number/);
  });

  it('yields a version-0 graph that validates cleanly', () => {
    const { schemaVersion: _v, ...v0 } = baseFlow();
    const result = validateFlow(v0);
    expect(result.issues).toEqual([]);
    expect(result.graph?.schemaVersion).toBe(1);
  });
});
