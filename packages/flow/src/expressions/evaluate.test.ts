import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluateExpression, tryEvaluateExpression, type ParsedExpression } from './index';
import { fails, failsWith, parse, run } from '../../test/expressions';

describe('literals and variables', () => {
  it.each([
    ['42', 42],
    ['1.25', 1.25],
    ['.5', 0.5],
    ['-3', -3],
    ['2e3', 2000],
    ["'it'", 'it'],
    ['"it"', 'it'],
    ['""', ''],
    ['true', true],
    ['false', false],
    ['null', null],
  ])('%s → %j', (source, value) => {
    expect(run(source)).toBe(value);
  });

  it('reads variables as own properties', () => {
    expect(run('name', { name: 'Ada' })).toBe('Ada');
    expect(run('n', { n: 3 })).toBe(3);
    expect(run('ok', { ok: false })).toBe(false);
  });

  it('reads missing, undefined and null variables as null', () => {
    expect(run('missing', {})).toBeNull();
    expect(run('u', { u: undefined })).toBeNull();
    expect(run('n', { n: null })).toBeNull();
    expect(run('missing == null', {})).toBe(true);
  });

  it('rejects variables holding what expressions cannot use', () => {
    for (const value of [[1], { a: 1 }, () => 1, 10n, Symbol('s'), Number.NaN, Infinity, -Infinity]) {
      const error = failsWith('v', 'unsupported_value', { v: value });
      expect(error.message).toContain('v');
      expect(error.offset).toBe(0);
    }
    expect(fails('v', { v: [1] }).message).toContain('a list');
    expect(fails('v', { v: { a: 1 } }).message).toContain('an object');
  });

  it('never returns undefined', () => {
    expect(run('x', { x: undefined })).not.toBeUndefined();
  });
});

describe('evaluateExpression contract', () => {
  it('throws only ExpressionError, with code, message and offset', () => {
    let caught: unknown;
    try {
      run('x - 1', { x: 'a' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExpressionError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({ name: 'ExpressionError', code: 'type_mismatch', offset: 2 });
  });

  it('tryEvaluateExpression returns the value or the error', () => {
    expect(tryEvaluateExpression(parse('1 + 1'), {})).toEqual({ ok: true, value: 2 });
    const result = tryEvaluateExpression(parse('1 / 0'), {});
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('division_by_zero');
  });

  it('is deterministic: the same input gives the same output', () => {
    const expr = parse('lower(trim(name)) + "/" + string(round(n / 3))');
    const vars = { name: '  ÉMILE ', n: 10 };
    const first = evaluateExpression(expr, vars);
    for (let i = 0; i < 5; i++) expect(evaluateExpression(expr, vars)).toBe(first);
    expect(first).toBe('émile/3');
  });

  it('does not change the variables', () => {
    const vars = Object.freeze({ a: 1, b: 'x' });
    expect(run('a + 1 == 2 && b == "x"', vars)).toBe(true);
    expect(vars).toEqual({ a: 1, b: 'x' });
  });

  it('rejects trees that parseExpression did not make with an ExpressionError', () => {
    const forged = (root: unknown) => ({ source: '', root }) as unknown as ParsedExpression;
    const cases = [
      forged({ type: 'member', object: { type: 'variable', name: 'a', offset: 0 }, property: 'constructor' }),
      forged({ type: 'call', name: 'constructor', args: [], offset: 0 }),
      forged({ type: 'call', name: 'toString', args: [], offset: 0 }),
      forged({ type: 'binary', operator: '**', left: { type: 'literal', value: 2, offset: 0 }, right: { type: 'literal', value: 2, offset: 0 }, offset: 0 }),
      forged({ type: 'literal', value: { valueOf: () => 1 }, offset: 0 }),
      forged({ type: 'literal', value: undefined, offset: 0 }),
      forged(undefined),
      null as unknown as ParsedExpression,
    ];
    for (const expr of cases) {
      const result = tryEvaluateExpression(expr, { a: {} });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('invalid_expression');
    }
  });
});
