import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { civilFromDays, DAY_MS, daysFromCivil, parseIsoDate, weekdayOfDays } from './civil';
import { isValidTimeZone, toEpochMs, toZonedIso, ZoneClock, zonedToEpochMs, zoneFormatter } from './zone';
import { prng } from '../../test/calendar-oracle';
import { utc } from '../../test/calendars';

describe('civil date arithmetic', () => {
  it('numbers days from 1970-01-01', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11_017);
    expect(daysFromCivil(1900, 1, 1)).toBe(-25_567);
    expect(daysFromCivil(2025, 3, 30)).toBe(utc('2025-03-30T00:00:00Z') / DAY_MS);
    expect(civilFromDays(11_016)).toEqual({ year: 2000, month: 2, day: 29 });
  });

  it('round-trips every day from 1900 to 2100 and agrees with the platform', () => {
    for (let days = -25_567; days <= 47_482; days += 1) {
      const { year, month, day } = civilFromDays(days);
      if (daysFromCivil(year, month, day) !== days) throw new Error(`round trip failed at ${days}`);
    }
    const random = prng(7);
    for (let i = 0; i < 500; i += 1) {
      const days = Math.floor(random() * 73_000) - 25_567;
      const date = new Date(days * DAY_MS);
      expect(civilFromDays(days)).toEqual({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() });
      expect(weekdayOfDays(days)).toBe((date.getUTCDay() + 6) % 7);
    }
  });

  it('has Monday = 0 and Sunday = 6', () => {
    expect(weekdayOfDays(0)).toBe(3); // 1970-01-01, a Thursday
    expect(weekdayOfDays(daysFromCivil(2025, 3, 30))).toBe(6); // a Sunday
    expect(weekdayOfDays(daysFromCivil(2025, 6, 9))).toBe(0); // a Monday
  });

  it('parses only real YYYY-MM-DD dates', () => {
    expect(parseIsoDate('2024-02-29')).toBe(daysFromCivil(2024, 2, 29));
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '25-12-2025', '2025-1-01', '2025-01-01T00:00']) {
      expect(parseIsoDate(bad), bad).toBeUndefined();
    }
  });
});

describe('time zones', () => {
  it('knows IANA zones and refuses others', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'europe/berlin']) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
    for (const zone of ['', 'Mars/Olympus_Mons', 'Europe/Berln', 'GMT+25', 'CET ']) {
      expect(isValidTimeZone(zone), zone).toBe(false);
    }
  });

  it('creates one formatter per zone', () => {
    expect(zoneFormatter('Asia/Kolkata')).toBe(zoneFormatter('Asia/Kolkata'));
    expect(zoneFormatter('Asia/Kolkata')).not.toBe(zoneFormatter('Europe/Berlin'));
  });

  it('maps ordinary local times to their one instant', () => {
    expect(zonedToEpochMs('Europe/Berlin', '2025-01-15T09:00')).toBe(utc('2025-01-15T08:00:00Z'));
    expect(zonedToEpochMs('Europe/Berlin', '2025-07-15T09:00:30.250')).toBe(utc('2025-07-15T07:00:30.250Z'));
    expect(zonedToEpochMs('Asia/Kolkata', '2025-06-09T09:30')).toBe(utc('2025-06-09T04:00:00Z'));
    expect(zonedToEpochMs('America/New_York', '2025-12-01T00:00')).toBe(utc('2025-12-01T05:00:00Z'));
  });

  it('maps a local time in a DST gap to the transition instant', () => {
    // Berlin 2025-03-30: 02:00 CET jumps to 03:00 CEST at 01:00Z.
    expect(zonedToEpochMs('Europe/Berlin', '2025-03-30T02:00')).toBe(utc('2025-03-30T01:00:00Z'));
    expect(zonedToEpochMs('Europe/Berlin', '2025-03-30T02:30')).toBe(utc('2025-03-30T01:00:00Z'));
    expect(zonedToEpochMs('Europe/Berlin', '2025-03-30T02:59:59.999')).toBe(utc('2025-03-30T01:00:00Z'));
    expect(zonedToEpochMs('Europe/Berlin', '2025-03-30T01:59:59.999')).toBe(utc('2025-03-30T00:59:59.999Z'));
    expect(zonedToEpochMs('Europe/Berlin', '2025-03-30T03:00')).toBe(utc('2025-03-30T01:00:00Z'));
    // New York 2025-03-09: 02:00 EST jumps to 03:00 EDT at 07:00Z.
    expect(zonedToEpochMs('America/New_York', '2025-03-09T02:30')).toBe(utc('2025-03-09T07:00:00Z'));
    // Samoa skipped the whole of 2011-12-30 (UTC-10 to UTC+14 at 2011-12-30T10:00Z).
    expect(zonedToEpochMs('Pacific/Apia', '2011-12-30T12:00')).toBe(utc('2011-12-30T10:00:00Z'));
    // Santiago starts DST at midnight: 2025-09-07 00:00 does not exist, the day begins at 01:00.
    expect(zonedToEpochMs('America/Santiago', '2025-09-07T00:00')).toBe(utc('2025-09-07T04:00:00Z'));
  });

  it('maps a local time in a DST overlap to its first occurrence', () => {
    // Berlin 2025-10-26: 03:00 CEST goes back to 02:00 CET at 01:00Z; 02:xx happens twice.
    expect(zonedToEpochMs('Europe/Berlin', '2025-10-26T02:00')).toBe(utc('2025-10-26T00:00:00Z'));
    expect(zonedToEpochMs('Europe/Berlin', '2025-10-26T02:30')).toBe(utc('2025-10-26T00:30:00Z'));
    expect(zonedToEpochMs('Europe/Berlin', '2025-10-26T03:00')).toBe(utc('2025-10-26T02:00:00Z'));
    // New York 2025-11-02: 01:xx happens twice (EDT, then EST).
    expect(zonedToEpochMs('America/New_York', '2025-11-02T01:30')).toBe(utc('2025-11-02T05:30:00Z'));
    expect(zonedToEpochMs('America/New_York', '2025-11-02T02:00')).toBe(utc('2025-11-02T07:00:00Z'));
  });

  it('wall time and back: the earliest instant showing the same wall time', () => {
    const random = prng(42);
    const start = utc('2024-01-01T00:00:00Z');
    for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'America/Santiago', 'Australia/Lord_Howe']) {
      const clock = ZoneClock.of(zone);
      for (let i = 0; i < 400; i += 1) {
        const instant = start + Math.floor(random() * 3 * 365 * DAY_MS);
        const wall = clock.instantToWall(instant);
        const back = clock.wallToInstant(wall);
        expect(ZoneClock.of(zone).instantToWall(back)).toBe(wall);
        expect(back).toBeLessThanOrEqual(instant);
        // Only a repeated (overlap) wall time may map to an earlier instant, at most 1 hour earlier.
        expect(instant - back).toBeLessThanOrEqual(3_600_000);
      }
    }
  });

  it('formats an instant as local ISO text with its offset', () => {
    expect(toZonedIso('Europe/Berlin', utc('2025-03-31T08:00:00Z'))).toBe('2025-03-31T10:00:00+02:00');
    expect(toZonedIso('Europe/Berlin', '2025-03-28T15:00:00.5Z')).toBe('2025-03-28T16:00:00.500+01:00');
    expect(toZonedIso('Asia/Kolkata', 0)).toBe('1970-01-01T05:30:00+05:30');
    expect(toZonedIso('America/New_York', '2025-11-02T06:30:00Z')).toBe('2025-11-02T01:30:00-05:00');
    expect(toZonedIso('UTC', '2025-01-01T00:00:00+14:00')).toBe('2024-12-31T10:00:00+00:00');
  });
});

describe('toEpochMs', () => {
  it('takes epoch ms and ISO 8601 with Z or an offset', () => {
    expect(toEpochMs(1_700_000_000_000)).toBe(1_700_000_000_000);
    expect(toEpochMs('2025-03-28T16:00:00Z')).toBe(utc('2025-03-28T16:00:00Z'));
    expect(toEpochMs('2025-03-28T17:00+01:00')).toBe(utc('2025-03-28T16:00:00Z'));
    expect(toEpochMs('2025-03-28T10:30:00-05:30')).toBe(utc('2025-03-28T16:00:00Z'));
    expect(toEpochMs('2025-03-28T16:00:00.123456Z')).toBe(utc('2025-03-28T16:00:00.123Z'));
  });

  it('refuses ambiguous, malformed and out-of-range instants', () => {
    for (const bad of [
      '2025-03-28T16:00:00', // no zone: would depend on the host
      '2025-03-28',
      '2025-02-29T10:00:00Z',
      '2025-03-28T24:00:00Z',
      '2025-03-28T16:60:00Z',
      '2025-03-28T16:00:00+24:00',
      'yesterday',
      1.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      '1899-12-31T23:59:59Z',
      -2_208_988_800_001,
      253_402_300_800_000,
    ]) {
      expect(() => toEpochMs(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => toEpochMs(null as unknown as number)).toThrow(TypeError);
  });
});

describe('determinism of the calendar sources', () => {
  // Workflow code must not read clocks, randomness or the host zone, nor import Node built-ins.
  const sources = readdirSync(new URL('.', import.meta.url))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => [name, readFileSync(new URL(name, import.meta.url), 'utf8')] as const);

  it('finds the sources', () => {
    expect(sources.map(([name]) => name).sort()).toEqual(['business-time.ts', 'civil.ts', 'index.ts', 'model.ts', 'schema.ts', 'zone.ts']);
  });

  it.each(sources)('%s uses no Date, Math.random, process or Node built-ins', (_name, text) => {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bDate\s*[.(]|new Date|Math\.random|\bprocess\b|performance\.|from 'node:|require\(/);
    expect(code).not.toMatch(/from '(?!zod'|\.\/)/);
  });
});
