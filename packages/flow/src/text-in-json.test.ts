import { describe, expect, it } from 'vitest';
import { demoFlow } from './demo';
import { jsonProblem, storedJsonSchema } from './text-in-json';

const limits = { maxDepth: 8, maxValues: 1000, maxItems: 50, maxStringLength: 100 };

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = [value];
  return value;
};

describe('JSON documents to store', () => {
  it('accepts real flows, blank strings and every JSON type', () => {
    expect(jsonProblem(demoFlow, { ...limits, maxDepth: 32 })).toBeNull();
    expect(jsonProblem({ a: '', b: [1, true, null, ' '], c: { d: 'שלום 👋' } }, limits)).toBeNull();
  });

  it('refuses nesting past the limit without recursing (100,000 levels)', () => {
    expect(jsonProblem(nested(8), limits)).toBeNull();
    expect(jsonProblem(nested(9), limits)?.message).toBe('is nested deeper than 8 levels');
    expect(jsonProblem(nested(100_000), limits)?.message).toMatch(/nested deeper/);
  });

  it('refuses prototype keys, broken text in values and keys, and non-finite numbers, with the path', () => {
    expect(jsonProblem(JSON.parse('{"nodes":[{"__proto__":{"x":1}}]}'), limits)).toEqual({ path: ['nodes', 0, '__proto__'], message: 'uses the reserved key "__proto__"' });
    expect(jsonProblem({ a: { constructor: 1 } }, limits)?.path).toEqual(['a', 'constructor']);
    expect(jsonProblem({ a: ['ok', 'x\ud800'] }, limits)).toMatchObject({ path: ['a', 1], message: expect.stringMatching(/broken character/) });
    expect(jsonProblem({ 'k\u0000': 1 }, limits)?.message).toMatch(/^key contains a control character/);
    expect(jsonProblem({ n: Infinity }, limits)?.message).toBe('is not a finite number');
  });

  it('refuses documents too large in any direction', () => {
    expect(jsonProblem(Array.from({ length: 51 }, () => 1), limits)?.message).toBe('has more than 50 items');
    expect(jsonProblem(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 1])), limits)?.message).toBe('has more than 50 keys');
    expect(jsonProblem(Array.from({ length: 40 }, () => Array.from({ length: 40 }, () => 1)), limits)?.message).toBe('has more than 1000 values');
    expect(jsonProblem({ a: 'x'.repeat(101) }, limits)?.message).toBe('is longer than 100 characters');
  });

  it('the schema reports the first problem at its path', () => {
    const result = storedJsonSchema(limits).safeParse({ a: [{ b: '\udc00' }] });
    expect(result.error?.issues[0]).toMatchObject({ path: ['a', 0, 'b'], message: expect.stringMatching(/^a\.0\.b contains a broken character/) });
  });
});
