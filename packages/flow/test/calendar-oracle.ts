/**
 * For the property tests of business time: a seeded PRNG, random instants around the DST
 * weekends, the calendars they run over, and an independent wall-clock oracle of "open".
 */
import { WEEKDAYS, type BusinessCalendar, type Weekday } from '../src/calendar/index';
import { MINUTE, DAY, utc, calendar, berlinOffice, berlinLunch, berlinNight, newYorkOffice, newYorkNight, kolkataOffice, santiagoNight, berlinLate } from './calendars';

/** mulberry32: a tiny seeded PRNG, so "random" cases are the same on every run. */
export function prng(seed: number): () => number {
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
export function wallClockOracle(cal: BusinessCalendar): (instantMs: number) => boolean {
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

export const withHolidays = calendar({
  ...berlinLunch,
  holidays: ['2025-04-18', '2025-04-21', '2025-05-01', '2025-12-24', '2025-12-25', '2025-12-26'].map((date) => ({ date })),
});

/** Name, calendar, and whether the wall-clock oracle applies (no opening or closing time in a gap or overlap). */
export const propertyCalendars: [string, BusinessCalendar, boolean][] = [
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
export function randomInstant(random: () => number, wholeMinutes = false): number {
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
