import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  MAX_STRING_LENGTH,
  evaluateExpression,
  parseExpression,
  tryEvaluateExpression,
  type ExpressionErrorCode,
  type ParsedExpression,
} from './index';

function parse(source: string): ParsedExpression {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`expected ${source} to parse, got: ${result.error.message}`);
  return result.expr;
}

function run(source: string, variables: Record<string, unknown> = {}) {
  return evaluateExpression(parse(source), variables);
}

function fails(source: string, variables: Record<string, unknown> = {}): ExpressionError {
  const result = tryEvaluateExpression(parse(source), variables);
  if (result.ok) throw new Error(`expected ${source} to fail, got ${JSON.stringify(result.value)}`);
  expect(result.error).toBeInstanceOf(ExpressionError);
  return result.error;
}

function failsWith(source: string, code: ExpressionErrorCode, variables: Record<string, unknown> = {}): ExpressionError {
  const error = fails(source, variables);
  expect(error.code).toBe(code);
  return error;
}

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

describe('arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 - 4 - 3', 3],
    ['2 * 3 % 4', 2],
    ['7 / 2', 3.5],
    ['7 % 3', 1],
    ['-7 % 3', -1],
    ['-(2 + 3)', -5],
    ['- -2', 2],
    ['0.1 + 0.2', 0.30000000000000004],
    ['1 - 2 * -3', 7],
  ])('%s = %d', (source, value) => {
    expect(run(source)).toBe(value);
  });

  it('works on variables', () => {
    expect(run('price * qty + 1', { price: 2.5, qty: 4 })).toBe(11);
  });

  it('never produces -0', () => {
    expect(Object.is(run('0 * -1'), 0)).toBe(true);
    expect(Object.is(run('-x', { x: 0 }), 0)).toBe(true);
    expect(Object.is(run('x', { x: -0 }), 0)).toBe(true);
    expect(Object.is(run('round(-0.2)'), 0)).toBe(true);
  });

  it('makes division and remainder by zero an ExpressionError', () => {
    const error = failsWith('10 / (x - x)', 'division_by_zero', { x: 3 });
    expect(error.offset).toBe(3);
    failsWith('1 % 0', 'division_by_zero');
    failsWith('0 / 0', 'division_by_zero');
  });

  it('makes an overflow an ExpressionError', () => {
    failsWith('1e308 * 10', 'not_finite');
    failsWith('x + x', 'not_finite', { x: Number.MAX_VALUE });
  });

  it('does not convert text to numbers', () => {
    expect(failsWith('"5" - 1', 'type_mismatch').message).toBe(
      'Cannot subtract text and a number: - needs two numbers',
    );
    failsWith('age * 2', 'type_mismatch', { age: '30' });
    failsWith('true * 2', 'type_mismatch');
    failsWith('-name', 'type_mismatch', { name: 'x' });
    failsWith('null + 1', 'type_mismatch');
  });
});

describe('+ on text', () => {
  it('joins two texts', () => {
    expect(run('"Hello, " + name', { name: 'Ada' })).toBe('Hello, Ada');
    expect(run("'a' + 'b' + 'c'")).toBe('abc');
  });

  it('does not mix text and numbers, and says how to', () => {
    const error = failsWith('"Order " + id', 'type_mismatch', { id: 7 });
    expect(error.message).toContain('Cannot add text and a number');
    expect(error.message).toContain('string(x)');
    expect(error.offset).toBe(9);
    expect(run('"Order " + string(id)', { id: 7 })).toBe('Order 7');
    failsWith('age + 1', 'type_mismatch', { age: '30' });
    expect(run('number(age) + 1', { age: '30' })).toBe(31);
    failsWith('"a" + null', 'type_mismatch');
    failsWith('"a" + true', 'type_mismatch');
  });

  it(`limits built text to ${MAX_STRING_LENGTH} characters`, () => {
    const half = 'x'.repeat(MAX_STRING_LENGTH / 2);
    expect(run('a + b', { a: half, b: half })).toHaveLength(MAX_STRING_LENGTH);
    failsWith('a + b + "!"', 'too_long', { a: half, b: half });
  });
});

describe('comparisons', () => {
  it.each([
    ['1 < 2', true],
    ['2 <= 2', true],
    ['3 > 2', true],
    ['2 >= 3', false],
    ['1 == 1', true],
    ['1 != 1', false],
    ['"a" < "b"', true],
    ['"B" < "a"', true], // code units, not locale collation
    ['"abc" == "abc"', true],
    ['"10" < "9"', true], // text compares as text
    ['true == true', true],
    ['null == null', true],
  ])('%s → %s', (source, value) => {
    expect(run(source)).toBe(value);
  });

  it('== and != never convert: different types are simply not equal', () => {
    expect(run('1 == "1"')).toBe(false);
    expect(run('1 != "1"')).toBe(true);
    expect(run('0 == false')).toBe(false);
    expect(run('"" == null')).toBe(false);
    expect(run('x == null', { x: '' })).toBe(false);
  });

  it('ordering text against a number is an ExpressionError', () => {
    const error = failsWith('age > 18', 'type_mismatch', { age: '30' });
    expect(error.message).toContain('Cannot compare text with a number using >');
    expect(error.message).toContain('number(x)');
    expect(error.offset).toBe(4);
    expect(run('number(age) > 18', { age: '30' })).toBe(true);
  });

  it('ordering booleans or null is an ExpressionError', () => {
    failsWith('true < false', 'type_mismatch');
    failsWith('x >= 1', 'type_mismatch', {});
    failsWith('null <= null', 'type_mismatch');
  });
});

describe('logic', () => {
  it.each([
    ['true && true', true],
    ['true && false', false],
    ['false || true', true],
    ['false || false', false],
    ['!true', false],
    ['!!true', true],
    ['!false && false', false],
    ['true || false && false', true], // && binds tighter
    ['(true || false) && false', false],
    ['1 < 2 && "a" == "a"', true],
  ])('%s → %s', (source, value) => {
    expect(run(source)).toBe(value);
  });

  it('short-circuits: the right side is not evaluated when the left decides', () => {
    expect(run('false && 1 / 0 > 1')).toBe(false);
    expect(run('true || 1 / 0 > 1')).toBe(true);
    expect(run('isEmpty(age) || number(age) > 18', {})).toBe(true);
    failsWith('true && 1 / 0 > 1', 'division_by_zero');
    failsWith('false || 1 / 0 > 1', 'division_by_zero');
  });

  it('needs true/false on both sides (no truthiness)', () => {
    const error = failsWith('name && true', 'type_mismatch', { name: 'Ada' });
    expect(error.message).toBe('&& needs true/false, got text');
    failsWith('true && 1', 'type_mismatch');
    failsWith('0 || false', 'type_mismatch');
    failsWith('!name', 'type_mismatch', { name: '' });
    failsWith('!missing', 'type_mismatch', {});
  });

  it('evaluates only the chosen branch of ? :', () => {
    expect(run('score > 8 ? "promoter" : "detractor"', { score: 9 })).toBe('promoter');
    expect(run('score > 8 ? "promoter" : "detractor"', { score: 3 })).toBe('detractor');
    expect(run('true ? 1 : 1 / 0')).toBe(1);
    expect(run('a ? 1 : b ? 2 : 3', { a: false, b: true })).toBe(2);
    failsWith('"yes" ? 1 : 2', 'type_mismatch');
  });
});

describe('functions', () => {
  it.each([
    ['lower("ÀBC Def")', 'àbc def'],
    ['upper("straße")', 'STRASSE'],
    ['lower("TITLE")', 'title'], // no Turkish dotless i: locale plays no part
    ['upper("i")', 'I'],
    ['trim("  a b \\n")', 'a b'],
    ['len("abc")', 3],
    ['len("")', 0],
    ['len("👋🏽 ok")', 5],
    ['contains("refund please", "refund")', true],
    ['contains("Refund", "refund")', false],
    ['contains(lower("Refund"), "refund")', true],
    ['contains("x", "")', true],
    ['startsWith("+44 20", "+44")', true],
    ['startsWith("a", "ab")', false],
    ['number("42")', 42],
    ['number(" -3.5 ")', -3.5],
    ['number("1e3")', 1000],
    ['number("+.5")', 0.5],
    ['number(7)', 7],
    ['number("")', null],
    ['number("ten")', null],
    ['number("4,5")', null],
    ['number("0x10")', null],
    ['number("1_000")', null],
    ['number("Infinity")', null],
    ['number("NaN")', null],
    ['number("1e999")', null],
    ['number(null)', null],
    ['round(2.5)', 3],
    ['round(2.4)', 2],
    ['round(-2.5)', -3],
    ['round(-2.4)', -2],
    ['round(7)', 7],
    ['isEmpty(null)', true],
    ['isEmpty("")', true],
    ['isEmpty("  \\t")', true],
    ['isEmpty(" a ")', false],
    ['isEmpty(0)', false],
    ['isEmpty(false)', false],
    ['string(42)', '42'],
    ['string(0.5)', '0.5'],
    ['string(1e21)', '1e+21'],
    ['string(true)', 'true'],
    ['string(null)', ''],
    ['string("x")', 'x'],
  ])('%s → %j', (source, value) => {
    expect(run(source)).toBe(value);
  });

  it('treats null (an unset variable) as empty text in text functions', () => {
    expect(run('lower(name)', {})).toBe('');
    expect(run('len(name)', { name: null })).toBe(0);
    expect(run('contains(message, "refund")', {})).toBe(false);
    expect(run('isEmpty(email)', {})).toBe(true);
  });

  it('checks argument types at run time', () => {
    const error = failsWith('lower(n)', 'type_mismatch', { n: 5 });
    expect(error.message).toBe('lower() needs text, got a number: lower(text)');
    expect(error.offset).toBe(0);
    failsWith('len(true)', 'type_mismatch');
    failsWith('contains("a", 1)', 'type_mismatch');
    failsWith('round("2.5")', 'type_mismatch');
    failsWith('round(null)', 'type_mismatch');
    expect(failsWith('number(true)', 'type_mismatch').message).toBe(
      'number() needs text or a number, got true/false: number(text)',
    );
  });

  it('composes', () => {
    expect(run('len(trim(upper(name))) == 3', { name: ' ada ' })).toBe(true);
    expect(run('round(number(amount) * 1.2)', { amount: '10' })).toBe(12);
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
