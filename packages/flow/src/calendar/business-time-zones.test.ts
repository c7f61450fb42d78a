// Business time across time zones and DST switches (gaps and overlaps, at midnight too).
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpen, nextClosing, nextOpening } from './business-time';
import { toZonedIso } from './zone';
import { HOUR, utc, iso, calendar, berlinNight, newYorkOffice, newYorkNight, kolkataOffice, santiagoNight } from '../../test/calendars';

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
