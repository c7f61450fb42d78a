import { describe, expect, it } from 'vitest';
import {
  answerHint,
  compilePattern,
  matchChoice,
  matchesPattern,
  parseAnswer,
  parseDate,
  parseEmail,
  parseNumber,
  parsePhone,
  splitChoices,
} from './inputs';

describe('parseNumber', () => {
  it('reads numbers as people type them', () => {
    const cases: [string, number][] = [
      ['42', 42],
      [' -3.5 ', -3.5],
      ['+7', 7],
      ['1,5', 1.5],
      ['0,125', 0.125],
      ['1.234', 1.234],
      ['1,234', 1234],
      ['1 234', 1234],
      ['1\u00a0234 567', 1234567],
      ["1'000", 1000],
      ['1,234,567', 1234567],
      ['1.234.567', 1234567],
      ['1,234.50', 1234.5],
      ['1.234,50', 1234.5],
      ['-0', 0],
      ['two', 2],
      ['Nineteen', 19],
      ['twenty-one', 21],
      ['forty two', 42],
      ['ninety', 90],
    ];
    for (const [text, value] of cases) expect([text, parseNumber(text)]).toEqual([text, value]);
    expect(Object.is(parseNumber('-0'), 0)).toBe(true);
  });

  it('refuses what is not a number', () => {
    for (const text of ['', 'abc', '12abc', '1,2,3', '1.2.3', '1,23,456', '1.234,5.6', '5.', ',5', '1  000', '1 2', 'twenty-ten', 'a few', '1e5', '0x10', '5 - 6']) {
      expect([text, parseNumber(text)]).toEqual([text, null]);
    }
  });
});

describe('parseEmail', () => {
  it('lower-cases and checks', () => {
    expect(parseEmail('  Grace.Hopper@Example.COM ')).toBe('grace.hopper@example.com');
    expect(parseEmail('mailto:a+tag@sub.example.org')).toBe('a+tag@sub.example.org');
    expect(parseEmail('<ada@example.io>')).toBe('ada@example.io');
    for (const text of ['ada', 'ada@', '@example.com', 'ada@example', 'a..b@example.com', 'ada@-example.com', 'ada @example.com', 'ada@example.c', `${'a'.repeat(250)}@example.com`]) {
      expect([text, parseEmail(text)]).toEqual([text, null]);
    }
  });
});

describe('parsePhone', () => {
  it('normalises to + and digits', () => {
    expect(parsePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(parsePhone('0044 (20) 7946-0958')).toBe('+442079460958');
    expect(parsePhone('030 123.456/78')).toBe('03012345678');
    for (const text of ['12345', '+1 234 567 890 123 456', 'call me', '+44 20 ABC', '44+20', '']) {
      expect([text, parsePhone(text)]).toEqual([text, null]);
    }
  });
});

describe('parseDate', () => {
  const now = Date.UTC(2026, 1, 28, 23, 30); // Saturday 28 February 2026, 23:30 UTC

  it('reads ISO, day-first and month-name dates', () => {
    const cases: [string, string][] = [
      ['2026-03-14', '2026-03-14'],
      ['2026/3/4', '2026-03-04'],
      ['14/03/2026', '2026-03-14'],
      ['14.3.26', '2026-03-14'],
      ['1-12-2027', '2027-12-01'],
      ['14 March 2026', '2026-03-14'],
      ['14th of Sept 2026', '2026-09-14'],
      ['March 14, 2026', '2026-03-14'],
      ['29/02/2028', '2028-02-29'],
    ];
    for (const [text, iso] of cases) expect([text, parseDate(text, now)]).toEqual([text, iso]);
  });

  it('reads today, tomorrow and yesterday relative to the given time', () => {
    expect(parseDate('today', now)).toBe('2026-02-28');
    expect(parseDate(' Tomorrow ', now)).toBe('2026-03-01');
    expect(parseDate('yesterday', now)).toBe('2026-02-27');
    expect(parseDate('tomorrow', Date.UTC(2026, 11, 31))).toBe('2027-01-01');
  });

  it('refuses impossible and unclear dates', () => {
    for (const text of ['31/04/2026', '29/02/2026', '2026-13-01', '00/01/2026', 'next week', '14 Marchember 2026', 'constructor', '12/2026', '']) {
      expect([text, parseDate(text, now)]).toEqual([text, null]);
    }
  });
});

describe('choices and patterns', () => {
  const choices = splitChoices(' Billing \n\nShipping, returns\nSomething else\n');

  it('splits options by line', () => {
    expect(choices).toEqual(['Billing', 'Shipping, returns', 'Something else']);
  });

  it('matches an option by text (any case) or by number', () => {
    expect(matchChoice('billing', choices)).toBe('Billing');
    expect(matchChoice(' SHIPPING, RETURNS ', choices)).toBe('Shipping, returns');
    expect(matchChoice('3', choices)).toBe('Something else');
    expect(matchChoice('#2', choices)).toBe('Shipping, returns');
    expect(matchChoice('1.', choices)).toBe('Billing');
    for (const text of ['0', '4', 'bill', 'billing please', '']) expect([text, matchChoice(text, choices)]).toEqual([text, null]);
  });

  it('anchors patterns to the whole answer and refuses bad or long ones', () => {
    expect(matchesPattern('AB123456', '[A-Z]{2}\\d{6}')).toBe(true);
    expect(matchesPattern('xAB123456', '[A-Z]{2}\\d{6}')).toBe(false);
    expect(matchesPattern('yes', 'yes|no')).toBe(true);
    expect(matchesPattern('yes or no', 'yes|no')).toBe(false);
    expect(compilePattern('([a-z]')).toMatchObject({ ok: false, error: expect.stringMatching(/Not a valid regular expression/) });
    expect(compilePattern('a'.repeat(201))).toMatchObject({ ok: false, error: 'Must be at most 200 characters' });
    expect(matchesPattern('x'.repeat(4001), 'x+')).toBe(false);
  });

  it('runs on RE2: catastrophic patterns finish, unsupported syntax is named', () => {
    const long = 'a'.repeat(4000);
    expect(matchesPattern(`${long}!`, '(a+)+$')).toBe(false);
    expect(matchesPattern('x'.repeat(4000), '(x+x+)+y')).toBe(false);
    expect(matchesPattern(long, '(a|aa)+$')).toBe(true);
    expect(compilePattern('(a)\\1')).toEqual({ ok: false, error: expect.stringMatching(/^Backreferences \(\\1, \\k<name>\) are not supported/) });
    expect(compilePattern('(?!x)\\w+')).toEqual({ ok: false, error: expect.stringMatching(/^Lookahead and lookbehind/) });
    expect(compilePattern('\\\\1')).toMatchObject({ ok: true }); // a backslash then 1
    expect(matchesPattern('é', '\\u00e9')).toBe(true);
    expect(matchesPattern('ab', 'a')).toBe(false);
    // A pattern stored before RE2 that it refuses matches nothing (validation says why).
    expect(matchesPattern('aa', '(a)\\1')).toBe(false);
  });
});

describe('parseAnswer', () => {
  it('returns the stored value per type', () => {
    expect(parseAnswer('text', 'anything at all')).toEqual({ ok: true, value: 'anything at all' });
    expect(parseAnswer('text', 'abc', { pattern: '\\d+' })).toEqual({ ok: false });
    expect(parseAnswer('number', '1,5')).toEqual({ ok: true, value: 1.5 });
    expect(parseAnswer('email', 'A@B.CO')).toEqual({ ok: true, value: 'a@b.co' });
    expect(parseAnswer('phone', '+1 (555) 010-9999')).toEqual({ ok: true, value: '+15550109999' });
    expect(parseAnswer('date', 'today', { now: Date.UTC(2026, 5, 1, 12) })).toEqual({ ok: true, value: '2026-06-01' });
    expect(parseAnswer('choice', '2', { choices: ['Yes', 'No'] })).toEqual({ ok: true, value: 'No' });
    expect(parseAnswer('choice', 'maybe', { choices: ['Yes', 'No'] })).toEqual({ ok: false });
  });

  it('has a hint per type that names the options of a choice', () => {
    expect(answerHint('choice', ['Yes', 'No'])).toBe('Please choose one of: 1. Yes, 2. No.');
    expect(answerHint('date')).toMatch(/2026-03-14/);
  });
});
