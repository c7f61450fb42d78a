import { describe, expect, it } from 'vitest';
import { failsWith, run } from '../../test/expressions';

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
