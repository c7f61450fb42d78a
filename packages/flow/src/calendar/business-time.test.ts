import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  BusinessCalendarError,
  businessTimeBetween,
  isOpen,
  MAX_SCAN_DAYS,
  nextClosing,
  nextOpening,
} from './business-time';
import {
  ALWAYS_OPEN,
  businessCalendarSchema,
  WEEKDAYS,
  type BusinessCalendar,
  type BusinessCalendarInput,
  type Weekday,
} from './index';
import { toZonedIso, zonedToEpochMs } from './zone';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Epoch ms of a UTC ISO string, through the platform parser (tests only: an independent oracle). */
const utc = (iso: string): number => Date.parse(iso);
/** An epoch-ms result as UTC ISO text, so failures read well. */
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

type Intervals = { start: string; end: string }[];
const calendar = (input: BusinessCalendarInput): BusinessCalendar => businessCalendarSchema.parse(input);
const weekdays = (intervals: Intervals) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });

const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
const berlinOffice = calendar({ timeZone: 'Europe/Berlin', weekly: weekdays(NINE_TO_FIVE) });
const berlinLunch = calendar({
  timeZone: 'Europe/Berlin',
  weekly: weekdays([
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '17:00' },
  ]),
});
/** Open Saturday 22:00 to Sunday 04:00: straddles midnight and both Berlin DST switches. */
const berlinNight = calendar({
  timeZone: 'Europe/Berlin',
  weekly: { sat: [{ start: '22:00', end: '24:00' }], sun: [{ start: '00:00', end: '04:00' }] },
});
const newYorkOffice = calendar({ timeZone: 'America/New_York', weekly: weekdays(NINE_TO_FIVE) });
const newYorkNight = calendar({ timeZone: 'America/New_York', weekly: { sun: [{ start: '00:00', end: '04:00' }] } });
const kolkataOffice = calendar({ timeZone: 'Asia/Kolkata', weekly: weekdays([{ start: '09:30', end: '18:00' }]) });
/** Santiago switches DST at midnight, so Sunday 00:00 is skipped in September and repeated in April. */
const santiagoNight = calendar({
  timeZone: 'America/Santiago',
  weekly: { sat: [{ start: '22:00', end: '24:00' }], sun: [{ start: '00:00', end: '02:00' }] },
});
/** Monday evening into Tuesday morning. */
const berlinLate = calendar({
  timeZone: 'Europe/Berlin',
  weekly: { mon: [{ start: '18:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] },
});
const never = calendar({ timeZone: 'Europe/Berlin', weekly: {} });

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

describe('Saturday 22:00 to Sunday 04:00 in Berlin, over the DST switches', () => {
  it('spring forward (2025-03-30, 02:00 CET → 03:00 CEST): 5 real hours', () => {
    expect(iso(nextOpening(berlinNight, '2025-03-29T12:00:00Z'))).toBe('2025-03-29T21:00:00.000Z'); // Sat 22:00 CET
    expect(iso(nextClosing(berlinNight, '2025-03-29T21:30:00Z'))).toBe('2025-03-30T02:00:00.000Z'); // Sun 04:00 CEST
    expect(businessTimeBetween(berlinNight, '2025-03-29T00:00:00Z', '2025-03-31T00:00:00Z')).toBe(5 * HOUR);
    expect(businessTimeBetween(berlinNight, '2025-03-29T23:00:00Z', '2025-03-30T02:00:00Z')).toBe(3 * HOUR); // Sunday part
    for (const [at, open] of [
      ['2025-03-29T20:59:59.999Z', false],
      ['2025-03-29T21:00:00Z', true],
      ['2025-03-30T00:59:59.999Z', true], // 01:59:59 CET
      ['2025-03-30T01:00:00Z', true], // 03:00 CEST
      ['2025-03-30T01:59:59.999Z', true],
      ['2025-03-30T02:00:00Z', false], // 04:00 CEST
    ] as const) {
      expect(isOpen(berlinNight, at), at).toBe(open);
    }
    expect(iso(addBusinessTime(berlinNight, '2025-03-29T21:00:00Z', 4 * HOUR))).toBe('2025-03-30T01:00:00.000Z');
    expect(iso(addBusinessTime(berlinNight, '2025-03-29T23:00:00Z', 2.5 * HOUR))).toBe('2025-03-30T01:30:00.000Z');
    expect(iso(addBusinessTime(berlinNight, '2025-03-29T12:00:00Z', 5 * HOUR))).toBe('2025-03-30T02:00:00.000Z');
    expect(iso(addBusinessTime(berlinNight, '2025-03-29T12:00:00Z', 5 * HOUR + 1))).toBe('2025-04-05T20:00:00.001Z'); // Sat 22:00 CEST
  });

  it('fall back (2025-10-26, 03:00 CEST → 02:00 CET): 7 real hours', () => {
    expect(iso(nextOpening(berlinNight, '2025-10-25T12:00:00Z'))).toBe('2025-10-25T20:00:00.000Z'); // Sat 22:00 CEST
    expect(iso(nextClosing(berlinNight, '2025-10-25T20:00:00Z'))).toBe('2025-10-26T03:00:00.000Z'); // Sun 04:00 CET
    expect(businessTimeBetween(berlinNight, '2025-10-25T00:00:00Z', '2025-10-27T00:00:00Z')).toBe(7 * HOUR);
    expect(businessTimeBetween(berlinNight, '2025-10-25T22:00:00Z', '2025-10-27T00:00:00Z')).toBe(5 * HOUR); // Sunday part
    for (const [at, open] of [
      ['2025-10-26T00:30:00Z', true], // 02:30 CEST
      ['2025-10-26T01:30:00Z', true], // 02:30 CET, the second time
      ['2025-10-26T02:59:59.999Z', true],
      ['2025-10-26T03:00:00Z', false],
    ] as const) {
      expect(isOpen(berlinNight, at), at).toBe(open);
    }
    expect(iso(addBusinessTime(berlinNight, '2025-10-25T22:00:00Z', 4.5 * HOUR))).toBe('2025-10-26T02:30:00.000Z');
  });

  it('opening times inside the gap or the overlap follow the rule', () => {
    const lateSunday = calendar({ timeZone: 'Europe/Berlin', weekly: { sun: [{ start: '02:30', end: '05:00' }] } });
    // Gap: 02:30 never happens on 2025-03-30; it opens when the clock jumps to 03:00 CEST.
    expect(iso(nextOpening(lateSunday, '2025-03-29T12:00:00Z'))).toBe('2025-03-30T01:00:00.000Z');
    expect(businessTimeBetween(lateSunday, '2025-03-29T12:00:00Z', '2025-03-31T00:00:00Z')).toBe(2 * HOUR);
    // Overlap: 02:30 happens twice on 2025-10-26; it opens at the first, 02:30 CEST.
    expect(iso(nextOpening(lateSunday, '2025-10-25T12:00:00Z'))).toBe('2025-10-26T00:30:00.000Z');
    expect(businessTimeBetween(lateSunday, '2025-10-25T12:00:00Z', '2025-10-27T00:00:00Z')).toBe(3.5 * HOUR);

    // A closing time in the overlap closes at its first occurrence and stays closed.
    const earlySunday = calendar({ timeZone: 'Europe/Berlin', weekly: { sun: [{ start: '00:00', end: '02:30' }] } });
    expect(businessTimeBetween(earlySunday, '2025-10-25T12:00:00Z', '2025-10-27T00:00:00Z')).toBe(2.5 * HOUR);
    expect(isOpen(earlySunday, '2025-10-26T00:15:00Z')).toBe(true); // 02:15 CEST
    expect(isOpen(earlySunday, '2025-10-26T01:15:00Z')).toBe(false); // 02:15 CET
    expect(iso(nextClosing(earlySunday, '2025-10-25T23:00:00Z'))).toBe('2025-10-26T00:30:00.000Z');

    // A period entirely inside the gap is empty that day.
    const skipped = calendar({ timeZone: 'Europe/Berlin', weekly: { sun: [{ start: '02:00', end: '03:00' }] } });
    expect(businessTimeBetween(skipped, '2025-03-22T12:00:00Z', '2025-03-24T00:00:00Z')).toBe(HOUR); // a week earlier
    expect(businessTimeBetween(skipped, '2025-03-29T12:00:00Z', '2025-03-31T00:00:00Z')).toBe(0);
    expect(iso(nextOpening(skipped, '2025-03-29T12:00:00Z'))).toBe('2025-04-06T00:00:00.000Z'); // 02:00 CEST a week later
  });
});

describe('America/New_York', () => {
  it('office hours across both DST weekends', () => {
    expect(iso(addBusinessTime(newYorkOffice, '2025-03-07T16:00:00-05:00', 2 * HOUR))).toBe('2025-03-10T14:00:00.000Z');
    expect(toZonedIso('America/New_York', addBusinessTime(newYorkOffice, '2025-03-07T16:00:00-05:00', 2 * HOUR))).toBe(
      '2025-03-10T10:00:00-04:00',
    );
    expect(iso(addBusinessTime(newYorkOffice, '2025-10-31T16:00:00-04:00', 2 * HOUR))).toBe('2025-11-03T15:00:00.000Z');
    expect(businessTimeBetween(newYorkOffice, '2025-03-07T21:00:00Z', '2025-03-10T14:00:00Z')).toBe(2 * HOUR);
    expect(isOpen(newYorkOffice, '2025-03-10T13:00:00Z')).toBe(true); // 09:00 EDT
    expect(isOpen(newYorkOffice, '2025-03-07T13:00:00Z')).toBe(false); // 08:00 EST
  });

  it('Sunday 00:00–04:00 lasts 3 hours in March and 5 in November', () => {
    expect(businessTimeBetween(newYorkNight, '2025-03-08T12:00:00Z', '2025-03-10T00:00:00Z')).toBe(3 * HOUR);
    expect(iso(nextOpening(newYorkNight, '2025-03-08T12:00:00Z'))).toBe('2025-03-09T05:00:00.000Z');
    expect(iso(nextClosing(newYorkNight, '2025-03-09T05:00:00Z'))).toBe('2025-03-09T08:00:00.000Z');
    expect(businessTimeBetween(newYorkNight, '2025-11-01T12:00:00Z', '2025-11-03T00:00:00Z')).toBe(5 * HOUR);
    expect(iso(nextClosing(newYorkNight, '2025-11-02T04:00:00Z'))).toBe('2025-11-02T09:00:00.000Z');
  });
});

describe('Asia/Kolkata (+05:30)', () => {
  it('half-hour offset, 09:30–18:00', () => {
    expect(iso(addBusinessTime(kolkataOffice, '2025-06-06T17:00:00+05:30', 2 * HOUR))).toBe('2025-06-09T05:00:00.000Z');
    expect(toZonedIso('Asia/Kolkata', utc('2025-06-09T05:00:00Z'))).toBe('2025-06-09T10:30:00+05:30');
    expect(isOpen(kolkataOffice, '2025-06-09T04:00:00Z')).toBe(true);
    expect(isOpen(kolkataOffice, '2025-06-09T03:59:59.999Z')).toBe(false);
    expect(iso(nextClosing(kolkataOffice, '2025-06-09T05:00:00Z'))).toBe('2025-06-09T12:30:00.000Z');
    expect(businessTimeBetween(kolkataOffice, '2025-06-09T00:00:00+05:30', '2025-06-16T00:00:00+05:30')).toBe(42.5 * HOUR);
  });
});

describe('America/Santiago (DST switches at midnight)', () => {
  it('Sunday 00:00 skipped (2025-09-07)', () => {
    expect(businessTimeBetween(santiagoNight, '2025-09-06T12:00:00Z', '2025-09-08T00:00:00Z')).toBe(3 * HOUR);
    expect(iso(nextOpening(santiagoNight, '2025-09-06T12:00:00Z'))).toBe('2025-09-07T02:00:00.000Z');
    expect(iso(nextClosing(santiagoNight, '2025-09-07T02:30:00Z'))).toBe('2025-09-07T05:00:00.000Z');
  });

  it('Saturday 23:00–24:00 repeated (2025-04-06)', () => {
    expect(businessTimeBetween(santiagoNight, '2025-04-05T12:00:00Z', '2025-04-07T00:00:00Z')).toBe(5 * HOUR);
    expect(isOpen(santiagoNight, '2025-04-06T03:30:00Z')).toBe(true); // Sat 23:30 -04, the second time
    expect(iso(nextClosing(santiagoNight, '2025-04-06T01:00:00Z'))).toBe('2025-04-06T06:00:00.000Z');
  });
});

describe("America/St_Johns 2010 (clocks went back from Sunday 00:01 to Saturday 23:01)", () => {
  // 2010-11-07 00:01 NDT (-02:30) became 2010-11-06 23:01 NST (-03:30) at 02:31Z. Sunday 00:00
  // first happens at 02:30Z, then Saturday 23:01–23:59 comes again: inside Sunday's period.
  const sunday = calendar({ timeZone: 'America/St_Johns', weekly: { sun: [{ start: '00:00', end: '02:00' }] } });

  it('an instant whose local date is Saturday can be in Sunday\'s period', () => {
    expect(toZonedIso('America/St_Johns', '2010-11-07T03:00:00Z')).toBe('2010-11-06T23:30:00-03:30');
    expect(isOpen(sunday, '2010-11-07T03:00:00Z')).toBe(true);
    expect(isOpen(sunday, '2010-11-07T02:29:59.999Z')).toBe(false);
    expect(iso(nextOpening(sunday, '2010-11-06T12:00:00Z'))).toBe('2010-11-07T02:30:00.000Z');
    expect(iso(nextClosing(sunday, '2010-11-07T03:00:00Z'))).toBe('2010-11-07T05:30:00.000Z'); // 02:00 NST
    expect(businessTimeBetween(sunday, '2010-11-06T12:00:00Z', '2010-11-08T00:00:00Z')).toBe(3 * HOUR);
    expect(iso(addBusinessTime(sunday, '2010-11-07T03:00:00Z', HOUR))).toBe('2010-11-07T04:00:00.000Z');
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

// ---------------------------------------------------------------------------------------------
// Properties over many seeded-random instants, and an independent wall-clock oracle
// ---------------------------------------------------------------------------------------------

/** mulberry32: a tiny seeded PRNG, so "random" cases are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * "Open" judged from the wall clock alone, with its own Intl formatter: the local date is not a
 * holiday and the local HH:MM lies in one of the weekday's periods. It agrees with the module for
 * calendars whose opening and closing times never fall in a DST gap or overlap (all those below).
 */
function wallClockOracle(cal: BusinessCalendar): (instantMs: number) => boolean {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: cal.timeZone,
    hourCycle: 'h23',
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const holidays = new Set(cal.holidays.map((holiday) => holiday.date));
  const toMinutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
  return (instantMs) => {
    const parts = Object.fromEntries(format.formatToParts(instantMs).map((part) => [part.type, part.value]));
    if (holidays.has(`${parts.year}-${parts.month}-${parts.day}`)) return false;
    const weekday = String(parts.weekday).toLowerCase() as Weekday;
    if (!WEEKDAYS.includes(weekday)) throw new Error(`unexpected weekday ${parts.weekday}`);
    const minute = Number(parts.hour) * 60 + Number(parts.minute) + Number(parts.second) / 60;
    return cal.weekly[weekday].some((interval) => toMinutes(interval.start) <= minute && minute < toMinutes(interval.end));
  };
}

const withHolidays = calendar({
  ...berlinLunch,
  holidays: ['2025-04-18', '2025-04-21', '2025-05-01', '2025-12-24', '2025-12-25', '2025-12-26'].map((date) => ({ date })),
});

/** Name, calendar, and whether the wall-clock oracle applies (no opening or closing time in a gap or overlap). */
const propertyCalendars: [string, BusinessCalendar, boolean][] = [
  ['Berlin office', berlinOffice, true],
  ['Berlin lunch + holidays', withHolidays, true],
  ['Berlin Sat–Sun night', berlinNight, true],
  ['Berlin Mon–Tue late', berlinLate, true],
  ['New York office', newYorkOffice, true],
  ['New York Sunday night', newYorkNight, true],
  ['Kolkata office', kolkataOffice, true],
  ['Santiago night', santiagoNight, true],
  [
    "St John's Sat–Sun night",
    calendar({
      timeZone: 'America/St_Johns',
      weekly: { sat: [{ start: '22:00', end: '24:00' }], sun: [{ start: '00:00', end: '02:00' }] },
    }),
    false,
  ],
];

/** Random instants in 2024–2026, half of them within the DST weekends of 2025 where it matters. */
function randomInstant(random: () => number, wholeMinutes = false): number {
  const windows = [
    ['2024-01-01T00:00:00Z', 3 * 365 * DAY],
    ['2025-03-06T00:00:00Z', 5 * DAY], // New York spring
    ['2025-03-28T00:00:00Z', 4 * DAY], // Berlin spring
    ['2025-04-04T00:00:00Z', 4 * DAY], // Santiago autumn
    ['2025-09-05T00:00:00Z', 4 * DAY], // Santiago spring
    ['2025-10-24T00:00:00Z', 4 * DAY], // Berlin autumn
    ['2025-10-31T00:00:00Z', 4 * DAY], // New York autumn
    ['2010-11-05T00:00:00Z', 4 * DAY], // St John's autumn, back over midnight
  ] as const;
  const [start, length] = random() < 0.5 ? windows[0] : windows[1 + Math.floor(random() * (windows.length - 1))]!;
  const offset = Math.floor(random() * length);
  return utc(start) + (wholeMinutes ? Math.floor(offset / MINUTE) * MINUTE : offset);
}

describe.each(propertyCalendars.filter(([, , oracleApplies]) => oracleApplies))('wall-clock oracle: %s', (_name, cal) => {
  it('isOpen agrees with the wall-clock oracle at 600 instants', () => {
    const random = prng(1);
    const oracle = wallClockOracle(cal);
    for (let i = 0; i < 600; i += 1) {
      const at = randomInstant(random);
      if (isOpen(cal, at) !== oracle(at)) throw new Error(`isOpen disagrees with the oracle at ${iso(at)}`);
    }
  });

  it('businessTimeBetween equals open minutes counted one by one, over the DST weekends', () => {
    const oracle = wallClockOracle(cal);
    const random = prng(2);
    const spans: [number, number][] = [
      ['2025-03-07T12:00:00Z', '2025-03-10T18:00:00Z'],
      ['2025-03-28T12:00:00Z', '2025-03-31T18:00:00Z'],
      ['2025-04-04T12:00:00Z', '2025-04-07T18:00:00Z'],
      ['2025-09-05T12:00:00Z', '2025-09-08T18:00:00Z'],
      ['2025-10-24T12:00:00Z', '2025-10-27T18:00:00Z'],
      ['2025-10-31T12:00:00Z', '2025-11-03T18:00:00Z'],
    ].map(([from, to]) => [utc(from!) + Math.floor(random() * 300) * MINUTE, utc(to!) - Math.floor(random() * 300) * MINUTE]);
    for (const [from, to] of spans) {
      let open = 0;
      for (let minute = from; minute < to; minute += MINUTE) if (oracle(minute)) open += MINUTE;
      expect(businessTimeBetween(cal, from, to), `${iso(from)} → ${iso(to)}`).toBe(open);
    }
  });

});

describe.each(propertyCalendars)('properties: %s', (_name, cal) => {
  it('addBusinessTime and businessTimeBetween are inverses (300 seeded cases)', () => {
    const random = prng(3);
    for (let i = 0; i < 300; i += 1) {
      const from = randomInstant(random);
      const duration = Math.floor(random() * 30 * HOUR);
      const due = addBusinessTime(cal, from, duration);
      const label = `${iso(from)} + ${duration} ms = ${iso(due)}`;
      expect(due, label).toBeGreaterThanOrEqual(from);
      expect(businessTimeBetween(cal, from, due), label).toBe(duration);
      expect(businessTimeBetween(cal, due, from), label).toBe(-duration);
      if (duration > 0) {
        // Earliest such instant: the last millisecond before it was open and counted.
        expect(isOpen(cal, due - 1), label).toBe(true);
        expect(businessTimeBetween(cal, from, due - 1), label).toBe(duration - 1);
      }
      // Splitting the duration gives the same deadline.
      const part = Math.floor(duration / 3);
      expect(addBusinessTime(cal, addBusinessTime(cal, from, part), duration - part), label).toBe(due);
    }
  });

  it('businessTimeBetween is additive and addBusinessTime goes back to the target (200 cases)', () => {
    const random = prng(4);
    for (let i = 0; i < 200; i += 1) {
      const a = randomInstant(random);
      const b = a + Math.floor(random() * 20 * DAY);
      const c = b + Math.floor(random() * 20 * DAY);
      const ab = businessTimeBetween(cal, a, b);
      const bc = businessTimeBetween(cal, b, c);
      expect(businessTimeBetween(cal, a, c)).toBe(ab + bc);
      expect(ab).toBeLessThanOrEqual(b - a);
      const back = addBusinessTime(cal, a, ab);
      expect(back).toBeLessThanOrEqual(b);
      expect(businessTimeBetween(cal, back, b)).toBe(0);
      if (ab > 0 && isOpen(cal, b - 1)) expect(back).toBe(b);
    }
  });

  it('nextOpening and nextClosing agree with isOpen (300 cases)', () => {
    const random = prng(5);
    for (let i = 0; i < 300; i += 1) {
      const at = randomInstant(random);
      const label = iso(at)!;
      const opening = nextOpening(cal, at)!;
      const closing = nextClosing(cal, at)!;
      expect(opening, label).not.toBeNull();
      expect(isOpen(cal, opening), label).toBe(true);
      expect(businessTimeBetween(cal, at, opening), label).toBe(0);
      expect(isOpen(cal, closing), label).toBe(false);
      expect(businessTimeBetween(cal, at, closing), label).toBe(closing - at);
      if (isOpen(cal, at)) {
        expect(opening, label).toBe(at);
        expect(closing, label).toBeGreaterThan(at);
      } else {
        expect(closing, label).toBe(at);
        expect(opening, label).toBeGreaterThan(at);
        expect(isOpen(cal, opening - 1), label).toBe(false);
        expect(addBusinessTime(cal, at, 1), label).toBe(opening + 1);
      }
    }
  });
});
