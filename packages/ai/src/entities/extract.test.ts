import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract';
import type { EntityType } from './types';

// Thursday 5 March 2026.
const referenceDate = '2026-03-05';
const values = (text: string, type?: EntityType, options: { dateOrder?: 'dmy' | 'mdy'; referenceDate?: string } = {}) =>
  extractEntities(text, { referenceDate, ...options })
    .filter((entity) => !type || entity.type === type)
    .map((entity) => entity.value);

describe('extractEntities', () => {
  it('gives spans that cut the entity out of the message, in text order', () => {
    const text = 'Hi, order #A12345 was due tomorrow; mail jane@example.com or call +44 20 7946 0958 about 2 mugs';
    const entities = extractEntities(text, { referenceDate });
    expect(entities.map(({ type, value }) => [type, value])).toEqual([
      ['order_id', 'A12345'],
      ['date', '2026-03-06'],
      ['email', 'jane@example.com'],
      ['phone', '+442079460958'],
      ['number', 2],
    ]);
    for (const entity of entities) expect(text.slice(entity.start, entity.end)).toBe(entity.text);
  });

  it('finds emails, lowercased, without trailing punctuation', () => {
    expect(values('Write to Jane.Doe+shop@Example.co.uk.', 'email')).toEqual(['jane.doe+shop@example.co.uk']);
    expect(values('not an email: jane@localhost or @handle', 'email')).toEqual([]);
  });

  it.each([
    ['+14155552671', '+14155552671'],
    ['+1 (415) 555-2671', '+14155552671'],
    ['+44 20 7946 0958', '+442079460958'],
    ['(415) 555-2671', '4155552671'],
    ['415.555.2671', '4155552671'],
    ['020 7946 0958', '02079460958'],
    ['07700 900123', '07700900123'],
    ['4155552671', '4155552671'],
  ])('reads the phone number %s as %s', (phone, expected) => {
    expect(values(`you can reach me on ${phone} after six`, 'phone')).toEqual([expected]);
  });

  it('does not take short digit runs, amounts or dates for phones', () => {
    expect(values('I paid 1500000 and 49.99 on 2026-03-01', 'phone')).toEqual([]);
    expect(values('I paid 1500000 and 49.99 on 2026-03-01')).toEqual([1500000, 49.99, '2026-03-01']);
  });

  it('reads numbers with thousands separators, decimals, signs and small number words', () => {
    expect(values('3 mugs for 1,299.50 total, -2 degrees, twelve items', 'number')).toEqual([3, 1299.5, -2, 12]);
    expect(values('the mp3 and 2fa settings', 'number')).toEqual([]);
  });

  it.each([
    ['where is #A12345?', 'A12345'],
    ['could you check on order #55120', '55120'],
    ['whats happening with ordr 48213', '48213'],
    ['my order 123-456 is late', '123-456'],
    ['order number 9981-22 please', '9981-22'],
    ['ref: ab-9921', 'AB-9921'],
    ['ticket no. 7731', '7731'],
    ['about AB123456 again', 'AB123456'],
  ])('finds the order-like id in "%s"', (text, expected) => {
    expect(values(text, 'order_id')).toEqual([expected]);
  });

  it('needs a digit in an order id: "order status" and "#help" are none', () => {
    expect(values('order status for #help', 'order_id')).toEqual([]);
  });

  it.each([
    ['today', '2026-03-05'],
    ['tomorrow', '2026-03-06'],
    ['yesterday', '2026-03-04'],
    ['the day after tomorrow', '2026-03-07'],
    ['next monday', '2026-03-09'],
    ['on Monday', '2026-03-09'],
    ['thursday', '2026-03-05'],
    ['next Thursday', '2026-03-12'],
    ['in 3 days', '2026-03-08'],
    ['in two weeks', '2026-03-19'],
    ['March 3rd', '2026-03-03'],
    ['Mar 3, 2025', '2025-03-03'],
    ['3rd of March 2027', '2027-03-03'],
    ['14 February', '2026-02-14'],
    ['2026-04-01', '2026-04-01'],
    ['2026-04-01T10:30', '2026-04-01'],
    ['12/03', '2026-03-12'],
    ['25/12/2026', '2026-12-25'],
    ['12.03.27', '2027-03-12'],
  ])('resolves "%s" against Thursday 2026-03-05 as %s', (text, expected) => {
    expect(values(`can it come ${text}?`, 'date')).toEqual([expected]);
  });

  it('reads "12/03" month first when told, and a part over 12 as the day either way', () => {
    expect(values('12/03', 'date', { dateOrder: 'mdy' })).toEqual(['2026-12-03']);
    expect(values('12/25', 'date', { dateOrder: 'dmy' })).toEqual(['2026-12-25']);
  });

  it('crosses month and year ends, and skips days that do not exist', () => {
    expect(values('tomorrow', 'date', { referenceDate: '2026-12-31' })).toEqual(['2027-01-01']);
    expect(values('next sunday', 'date', { referenceDate: '2028-02-26' })).toEqual(['2028-02-27']);
    expect(values('31/02 or 2026-13-01', 'date')).toEqual([]);
  });

  it('is deterministic: the reference day, not the clock, decides', () => {
    expect(values('tomorrow', 'date', { referenceDate: '2030-06-30' })).toEqual(['2030-07-01']);
    expect(extractEntities('tomorrow', { referenceDate: new Date(Date.UTC(2030, 5, 30, 23, 59)) })[0]!.value).toBe('2030-07-01');
  });

  it('rejects a reference that is not a day, and finds nothing in empty text', () => {
    expect(() => extractEntities('tomorrow', { referenceDate: 'soon' })).toThrow(/referenceDate/);
    expect(extractEntities('', { referenceDate })).toEqual([]);
  });
});
