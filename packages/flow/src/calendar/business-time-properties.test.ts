// Business time properties over seeded-random instants, and agreement with an independent wall-clock oracle.
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isOpen, nextClosing, nextOpening } from './business-time';
import { MINUTE, HOUR, DAY, utc, iso } from '../../test/calendars';
import { prng, wallClockOracle, propertyCalendars, randomInstant } from '../../test/calendar-oracle';

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
