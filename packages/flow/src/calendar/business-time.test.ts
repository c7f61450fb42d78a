// Business time on plain calendars: office hours, breaks, periods ending at 24:00, always and never open, bad input. Time zones and DST: business-time-zones.test.ts; properties: business-time-properties.test.ts.
import { describe, expect, it } from 'vitest';
import { addBusinessTime, BusinessCalendarError, businessTimeBetween, isOpen, MAX_SCAN_DAYS, nextClosing, nextOpening } from './business-time';
import { ALWAYS_OPEN, type BusinessCalendar } from './index';
import { toZonedIso, zonedToEpochMs } from './zone';
import { MINUTE, HOUR, DAY, utc, iso, calendar, NINE_TO_FIVE, berlinOffice, berlinLunch, berlinLate, never } from '../../test/calendars';

describe('Berlin office hours, Monday to Friday 09:00–17:00', () => {
  it('Friday 16:00 + 2 business hours = Monday 10:00', () => {
    const due = addBusinessTime(berlinOffice, '2025-06-13T16:00:00+02:00', 2 * HOUR);
    expect(iso(due)).toBe('2025-06-16T08:00:00.000Z');
    expect(toZonedIso('Europe/Berlin', due)).toBe('2025-06-16T10:00:00+02:00');
  });

  it('a holiday on Monday pushes it to Tuesday', () => {
    const whitMonday = calendar({ ...berlinOffice, holidays: [{ date: '2025-06-09', name: 'Whit Monday' }] });
    expect(iso(addBusinessTime(berlinOffice, '2025-06-06T16:00:00+02:00', 2 * HOUR))).toBe('2025-06-09T08:00:00.000Z');
    expect(iso(addBusinessTime(whitMonday, '2025-06-06T16:00:00+02:00', 2 * HOUR))).toBe('2025-06-10T08:00:00.000Z');
    expect(isOpen(whitMonday, '2025-06-09T10:00:00+02:00')).toBe(false);
    expect(iso(nextOpening(whitMonday, '2025-06-06T17:00:00+02:00'))).toBe('2025-06-10T07:00:00.000Z');
    expect(businessTimeBetween(berlinOffice, '2025-06-09T00:00:00+02:00', '2025-06-16T00:00:00+02:00')).toBe(40 * HOUR);
    expect(businessTimeBetween(whitMonday, '2025-06-09T00:00:00+02:00', '2025-06-16T00:00:00+02:00')).toBe(32 * HOUR);
  });

  it('across the spring-forward and fall-back weekends', () => {
    // Friday 16:00 CET → Monday 10:00 CEST, and Friday 16:00 CEST → Monday 10:00 CET.
    expect(iso(addBusinessTime(berlinOffice, '2025-03-28T15:00:00Z', 2 * HOUR))).toBe('2025-03-31T08:00:00.000Z');
    expect(iso(addBusinessTime(berlinOffice, '2025-10-24T14:00:00Z', 2 * HOUR))).toBe('2025-10-27T09:00:00.000Z');
    expect(businessTimeBetween(berlinOffice, '2025-03-28T15:00:00Z', '2025-03-31T08:00:00Z')).toBe(2 * HOUR);
  });

  it('a deadline that runs out at closing time stays at closing time', () => {
    expect(iso(addBusinessTime(berlinOffice, '2025-06-13T15:00:00+02:00', 2 * HOUR))).toBe('2025-06-13T15:00:00.000Z');
    expect(iso(addBusinessTime(berlinOffice, '2025-06-13T15:00:00+02:00', 2 * HOUR + 1))).toBe('2025-06-16T07:00:00.001Z');
  });

  it('counts from the next opening when started while closed; 0 is "now"', () => {
    expect(iso(addBusinessTime(berlinOffice, '2025-06-14T12:00:00Z', HOUR))).toBe('2025-06-16T08:00:00.000Z');
    expect(iso(addBusinessTime(berlinOffice, '2025-06-14T12:00:00Z', 0))).toBe('2025-06-14T12:00:00.000Z');
    expect(iso(addBusinessTime(berlinOffice, '2025-06-02T09:00:00+02:00', 40 * HOUR))).toBe('2025-06-06T15:00:00.000Z');
  });

  it('is open from 09:00 (inclusive) to 17:00 (exclusive)', () => {
    expect(isOpen(berlinOffice, utc('2025-06-16T07:00:00Z'))).toBe(true);
    expect(isOpen(berlinOffice, utc('2025-06-16T06:59:59.999Z'))).toBe(false);
    expect(isOpen(berlinOffice, utc('2025-06-16T14:59:59.999Z'))).toBe(true);
    expect(isOpen(berlinOffice, utc('2025-06-16T15:00:00Z'))).toBe(false);
    expect(isOpen(berlinOffice, '2025-06-14T10:00:00+02:00')).toBe(false); // Saturday
    expect(isOpen(berlinOffice, '2025-01-15T08:30:00Z')).toBe(true); // 09:30 CET
  });

  it('next opening and next closing', () => {
    expect(iso(nextOpening(berlinOffice, '2025-06-13T17:00:00+02:00'))).toBe('2025-06-16T07:00:00.000Z');
    expect(iso(nextOpening(berlinOffice, '2025-06-16T10:00:00+02:00'))).toBe('2025-06-16T08:00:00.000Z'); // open: now
    expect(iso(nextClosing(berlinOffice, '2025-06-16T10:00:00+02:00'))).toBe('2025-06-16T15:00:00.000Z');
    expect(iso(nextClosing(berlinOffice, '2025-06-14T10:00:00+02:00'))).toBe('2025-06-14T08:00:00.000Z'); // closed: now
  });

  it('business time between two instants, signed', () => {
    expect(businessTimeBetween(berlinOffice, '2025-06-13T16:00:00+02:00', '2025-06-16T10:00:00+02:00')).toBe(2 * HOUR);
    expect(businessTimeBetween(berlinOffice, '2025-06-16T10:00:00+02:00', '2025-06-13T16:00:00+02:00')).toBe(-2 * HOUR);
    expect(businessTimeBetween(berlinOffice, '2025-06-14T00:00:00+02:00', '2025-06-16T00:00:00+02:00')).toBe(0);
    expect(businessTimeBetween(berlinOffice, '2025-06-16T10:00:00+02:00', '2025-06-16T10:00:00+02:00')).toBe(0);
    expect(businessTimeBetween(berlinOffice, '2025-06-16T10:00:00+02:00', utc('2025-06-16T08:00:00.007Z'))).toBe(7);
    // A month: 21 working days in June 2025 (Sunday 1st to Monday 30th).
    expect(businessTimeBetween(berlinOffice, '2025-06-01T00:00:00+02:00', '2025-07-01T00:00:00+02:00')).toBe(21 * 8 * HOUR);
  });
});

describe('lunch break, 09:00–12:00 and 13:00–17:00', () => {
  it('skips the break', () => {
    expect(iso(addBusinessTime(berlinLunch, '2025-06-02T11:00:00+02:00', 2 * HOUR))).toBe('2025-06-02T12:00:00.000Z');
    expect(iso(addBusinessTime(berlinLunch, '2025-06-02T11:30:00+02:00', 30 * MINUTE))).toBe('2025-06-02T10:00:00.000Z');
    expect(iso(addBusinessTime(berlinLunch, '2025-06-06T16:30:00+02:00', 4 * HOUR))).toBe('2025-06-09T11:30:00.000Z');
    expect(businessTimeBetween(berlinLunch, '2025-06-02T09:00:00+02:00', '2025-06-02T17:00:00+02:00')).toBe(7 * HOUR);
    expect(businessTimeBetween(berlinLunch, '2025-06-02T11:00:00+02:00', '2025-06-02T14:00:00+02:00')).toBe(2 * HOUR);
  });

  it('is closed over lunch', () => {
    expect(isOpen(berlinLunch, '2025-06-02T12:30:00+02:00')).toBe(false);
    expect(isOpen(berlinLunch, '2025-06-02T13:00:00+02:00')).toBe(true);
    expect(iso(nextOpening(berlinLunch, '2025-06-02T12:30:00+02:00'))).toBe('2025-06-02T11:00:00.000Z');
    expect(iso(nextClosing(berlinLunch, '2025-06-02T10:00:00+02:00'))).toBe('2025-06-02T10:00:00.000Z');
  });
});

describe('periods ending at 24:00', () => {
  it('run on into the next day, unless it is a holiday', () => {
    expect(iso(nextClosing(berlinLate, '2025-06-02T20:00:00+02:00'))).toBe('2025-06-03T04:00:00.000Z'); // Tue 06:00
    expect(iso(addBusinessTime(berlinLate, '2025-06-02T18:00:00+02:00', 8 * HOUR))).toBe('2025-06-03T00:00:00.000Z');
    const tuesdayOff = calendar({ ...berlinLate, holidays: [{ date: '2025-06-03' }] });
    expect(iso(nextClosing(tuesdayOff, '2025-06-02T20:00:00+02:00'))).toBe('2025-06-02T22:00:00.000Z'); // Tue 00:00
    expect(isOpen(tuesdayOff, '2025-06-02T23:59:59.999+02:00')).toBe(true);
    expect(isOpen(tuesdayOff, '2025-06-03T00:00:00+02:00')).toBe(false);
  });
});

describe('calendars that are always or never open', () => {
  it('ALWAYS_OPEN is wall-clock time', () => {
    const from = utc('2025-03-29T12:00:00Z');
    expect(isOpen(ALWAYS_OPEN, from)).toBe(true);
    expect(nextOpening(ALWAYS_OPEN, from)).toBe(from);
    expect(nextClosing(ALWAYS_OPEN, from)).toBeNull();
    expect(addBusinessTime(ALWAYS_OPEN, from, 100 * HOUR)).toBe(from + 100 * HOUR);
    expect(businessTimeBetween(ALWAYS_OPEN, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z')).toBe(365 * DAY);
  });

  it('a calendar without hours: closed, no next opening, no deadline', () => {
    const from = utc('2025-03-29T12:00:00Z');
    expect(isOpen(never, from)).toBe(false);
    expect(nextOpening(never, from)).toBeNull();
    expect(nextClosing(never, from)).toBe(from);
    expect(businessTimeBetween(never, from, from + 365 * DAY)).toBe(0);
    expect(addBusinessTime(never, from, 0)).toBe(from);
    expect(() => addBusinessTime(never, from, HOUR)).toThrow(BusinessCalendarError);
    expect(() => addBusinessTime(never, from, HOUR)).toThrow(expect.objectContaining({ code: 'never_open' }));
  });

  it(`gives up after ${MAX_SCAN_DAYS} closed days`, () => {
    // Open Mondays only, and every Monday from 2025-01-06 for 110 weeks is a holiday.
    const mondays = Array.from({ length: 110 }, (_, week) => new Date(utc('2025-01-06T00:00:00Z') + week * 7 * DAY).toISOString().slice(0, 10));
    const mondaysOnly = { timeZone: 'Europe/Berlin', weekly: { mon: NINE_TO_FIVE } };
    const allOff = calendar({ ...mondaysOnly, holidays: mondays.map((date) => ({ date })) });
    expect(nextOpening(allOff, '2025-01-01T00:00:00Z')).toBeNull();
    expect(() => addBusinessTime(allOff, '2025-01-01T00:00:00Z', MINUTE)).toThrow(expect.objectContaining({ code: 'never_open' }));
    // Within the limit, the one working Monday is found: day 700 of the scan.
    const kept = mondays[100]!;
    const oneOpen = calendar({ ...mondaysOnly, holidays: mondays.filter((date) => date !== kept).map((date) => ({ date })) });
    expect(kept).toBe('2026-12-07');
    expect(nextOpening(oneOpen, '2025-01-01T00:00:00Z')).toBe(zonedToEpochMs('Europe/Berlin', `${kept}T09:00`));
    expect(iso(addBusinessTime(oneOpen, '2025-01-01T00:00:00Z', HOUR))).toBe('2026-12-07T09:00:00.000Z');
  });

  it('refuses spans of more than about 30 years', () => {
    expect(() => businessTimeBetween(ALWAYS_OPEN, '2000-01-01T00:00:00Z', '2031-01-01T00:00:00Z')).toThrow(
      expect.objectContaining({ code: 'span_too_long' }),
    );
    expect(() => addBusinessTime(ALWAYS_OPEN, '2000-01-01T00:00:00Z', 31 * 366 * DAY)).toThrow(
      expect.objectContaining({ code: 'span_too_long' }),
    );
    expect(addBusinessTime(ALWAYS_OPEN, '2000-01-01T00:00:00Z', 20 * 366 * DAY)).toBe(utc('2000-01-01T00:00:00Z') + 20 * 366 * DAY);
  });
});

describe('bad input', () => {
  it('throws RangeError for bad instants and durations', () => {
    expect(() => isOpen(berlinOffice, '2025-06-02T10:00:00')).toThrow(RangeError);
    expect(() => addBusinessTime(berlinOffice, 0, -1)).toThrow(RangeError);
    expect(() => addBusinessTime(berlinOffice, 0, 0.5)).toThrow(RangeError);
    expect(() => addBusinessTime(berlinOffice, 0, Number.NaN)).toThrow(RangeError);
    expect(() => nextOpening(berlinOffice, Number.NaN)).toThrow(RangeError);
  });

  it('throws BusinessCalendarError for calendars that were not parsed', () => {
    const unparsed = (input: unknown) => input as BusinessCalendar;
    const cases = [
      unparsed({ timeZone: 'Mars/Olympus_Mons', weekly: {}, holidays: [] }),
      unparsed({ timeZone: 'UTC', weekly: { mon: [{ start: '17:00', end: '09:00' }] }, holidays: [] }),
      unparsed({ timeZone: 'UTC', weekly: { mon: [{ start: '09:00', end: '25:00' }] }, holidays: [] }),
      unparsed({ timeZone: 'UTC', weekly: { mon: [NINE_TO_FIVE[0], { start: '16:00', end: '18:00' }] }, holidays: [] }),
      unparsed({ timeZone: 'UTC', weekly: {}, holidays: [{ date: '2025-02-30' }] }),
      unparsed({ timeZone: 'UTC' }),
      unparsed(null),
    ];
    for (const bad of cases) {
      expect(() => isOpen(bad, 0), JSON.stringify(bad)).toThrow(expect.objectContaining({ code: 'invalid_calendar' }));
    }
  });
});
