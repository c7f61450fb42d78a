/**
 * A business-hours calendar as plain data: weekly opening hours in one IANA time zone, plus
 * holidays (whole local days closed). Stored as JSON in SLA policies and "business hours" nodes
 * and passed to workflows, so this file stays free of zod: workflow code imports it, and every
 * conversation evaluates its own copy of the modules it imports. The schema that checks a
 * calendar is in ./schema.ts.
 */

/** Week days in calendar order, Monday first (ISO 8601). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_LABELS = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
} as const satisfies Record<Weekday, string>;

/** Opening time: `00:00`–`23:59`. */
export const START_TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
/** Closing time: `00:01`–`23:59`, or `24:00` for "until midnight". */
export const END_TIME_PATTERN = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** Minutes since local midnight of an `HH:MM` text (`24:00` → 1440). */
export function timeToMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/** A list may hold at most this many intervals per day and this many holidays. */
export const MAX_INTERVALS_PER_DAY = 24;
export const MAX_HOLIDAYS = 1000;

export interface BusinessHoursInterval {
  start: string;
  end: string;
}

export type WeeklyHours = Record<Weekday, BusinessHoursInterval[]>;

export interface Holiday {
  date: string;
  name?: string | undefined;
}

/** A parsed (valid) business calendar. Treat it as immutable. */
export interface BusinessCalendar {
  timeZone: string;
  weekly: WeeklyHours;
  holidays: Holiday[];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

const allDay = (): BusinessHoursInterval[] => [{ start: '00:00', end: '24:00' }];
const nineToFive = (): BusinessHoursInterval[] => [{ start: '09:00', end: '17:00' }];

/** Open every minute of every day (24/7 support); SLA clocks then run on wall-clock time. */
export const ALWAYS_OPEN: BusinessCalendar = deepFreeze({
  timeZone: 'UTC',
  weekly: { mon: allDay(), tue: allDay(), wed: allDay(), thu: allDay(), fri: allDay(), sat: allDay(), sun: allDay() },
  holidays: [],
});

/** A starting point for the builder's form: Monday to Friday, 09:00–17:00 UTC, no holidays. */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = deepFreeze({
  timeZone: 'UTC',
  weekly: { mon: nineToFive(), tue: nineToFive(), wed: nineToFive(), thu: nineToFive(), fri: nineToFive(), sat: [], sun: [] },
  holidays: [],
});
