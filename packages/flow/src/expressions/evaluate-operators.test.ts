import { describe, expect, it } from 'vitest';
import { MAX_STRING_LENGTH } from './index';
import { failsWith, run } from '../../test/expressions';

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
