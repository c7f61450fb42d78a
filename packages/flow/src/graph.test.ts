import { describe, expect, it } from 'vitest';
import { baseFlow } from '../test/fixtures';
import { FLOW_SCHEMA_VERSION, flowEdgeSchema, flowGraphSchema, flowNodeSchema } from './graph';

describe('graph schemas', () => {
  const node = { id: 'greet', kind: 'message', position: { x: 0, y: 140 }, config: { text: 'Hi' } };

  it('parses a valid graph', () => {
    expect(flowGraphSchema.parse(baseFlow())).toEqual(baseFlow());
    expect(FLOW_SCHEMA_VERSION).toBe(1);
  });

  it.each(['a', 'A-b_9', 'x'.repeat(64)])('accepts node id %s', (id) => {
    expect(flowNodeSchema.safeParse({ ...node, id }).success).toBe(true);
  });

  it.each(['', 'has space', 'dot.ted', 'ü', 'x'.repeat(65)])('rejects node id %j', (id) => {
    expect(flowNodeSchema.safeParse({ ...node, id }).success).toBe(false);
  });

  it('requires finite numeric positions and a known kind', () => {
    expect(flowNodeSchema.safeParse({ ...node, position: { x: Infinity, y: 0 } }).success).toBe(false);
    expect(flowNodeSchema.safeParse({ ...node, position: { x: 0 } }).success).toBe(false);
    expect(flowNodeSchema.safeParse({ ...node, kind: 'nope' }).success).toBe(false);
    expect(flowNodeSchema.safeParse({ ...node, label: 'Greeting' }).success).toBe(true);
  });

  it('requires a config object but leaves its contents to the kind', () => {
    expect(flowNodeSchema.safeParse({ ...node, config: { anything: 1 } }).success).toBe(true);
    expect(flowNodeSchema.safeParse({ ...node, config: 'x' }).success).toBe(false);
  });

  it('requires all edge fields', () => {
    const edge = { id: 'e', source: 'a', sourcePort: 'next', target: 'b' };
    expect(flowEdgeSchema.safeParse(edge).success).toBe(true);
    for (const key of Object.keys(edge)) {
      expect(flowEdgeSchema.safeParse({ ...edge, [key]: undefined }).success, key).toBe(false);
    }
  });

  it('requires the current schema version', () => {
    expect(flowGraphSchema.safeParse({ ...baseFlow(), schemaVersion: 2 }).success).toBe(false);
  });
});
