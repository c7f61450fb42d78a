/**
 * Business-time arithmetic on a `BusinessCalendar`: is it open, when does it open or close next,
 * what is "4 business hours from now", how much open time lies between two instants.
 *
 * Pure and deterministic, for Temporal workflow code and browsers alike: the caller passes the
 * current time in; nothing reads a clock, does I/O or uses randomness. Time-zone conversions use
 * the cached `Intl.DateTimeFormat` of `./zone` through a `ZoneClock` made for each call.
 *
 * Instants in are epoch milliseconds (integers) or ISO 8601 strings with `Z` or an offset;
 * instants out are always epoch milliseconds. Durations are milliseconds.
 *
 * Model: every local day D of the zone that is not a holiday contributes the opening periods of
 * its weekday. A period `start–end` of D is the half-open range of instants
 * `[instant(D start), instant(D end))` — open at its start, closed at its end — where `instant()`
 * is the rule of `./zone`: the earliest instant whose local wall time is at or after the given
 * one (first occurrence in a DST overlap, the transition instant in a DST gap). `24:00` is
 * midnight at the start of the next local day. A period that falls entirely in a DST gap is empty.
 * Periods that touch (`… – 24:00` then `00:00 – …`, or `09:00–12:00` then `12:00–17:00`) form
 * one continuous open stretch.
 */
import { timeToMinutes, WEEKDAYS, type BusinessCalendar } from './model';
import { DAY_MS, MINUTE_MS, parseIsoDate, weekdayOfDays } from './civil';
import { toEpochMs, ZoneClock, type InstantInput } from './zone';

/**
 * When a calendar has no open time in this many consecutive local days, it is considered never
 * open: `nextOpening` returns null and `addBusinessTime` throws. Likewise a calendar open for this
 * long without a break never closes for `nextClosing`. Two years, so that a year of holidays
 * cannot be mistaken for "never open".
 */
export const MAX_SCAN_DAYS = 366 * 2;

/**
 * Upper bound on the local days `addBusinessTime` and `businessTimeBetween` walk through
 * (about 30 years), so a huge duration or range fails fast instead of stalling a workflow task.
 */
export const MAX_SPAN_DAYS = 366 * 30;

export type BusinessCalendarErrorCode = 'invalid_calendar' | 'never_open' | 'span_too_long';

/**
 * A calendar that cannot answer the question. `code` says why. Workflow code should turn it into
 * a non-retryable `ApplicationFailure` (retrying cannot fix a calendar).
 */
export class BusinessCalendarError extends Error {
  override readonly name = 'BusinessCalendarError';
  readonly code: BusinessCalendarErrorCode;

  constructor(code: BusinessCalendarErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** An open stretch of time: `[start, end)` in epoch ms. */
type Period = readonly [start: number, end: number];

/** A calendar turned into numbers once per call. */
interface Prepared {
  /** Conversions in the calendar's zone, memoised for this one calculation. */
  clock: ZoneClock;
  /** Index 0 = Monday: `[startMinute, endMinute]` pairs, in order. */
  weekly: (readonly [number, number])[][];
  /** Local day numbers (days since 1970-01-01) that are closed. */
  holidays: Set<number>;
  /** Whether any weekday has any interval at all. */
  hasHours: boolean;
}

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function prepare(calendar: BusinessCalendar): Prepared {
  if (typeof calendar !== 'object' || calendar === null || typeof calendar.weekly !== 'object' || calendar.weekly === null) {
    throw new BusinessCalendarError('invalid_calendar', 'Not a business calendar; parse it with businessCalendarSchema first');
  }
  let clock: ZoneClock;
  try {
    clock = ZoneClock.of(calendar.timeZone);
  } catch {
    throw new BusinessCalendarError('invalid_calendar', `Unknown time zone ${JSON.stringify(calendar.timeZone)}`);
  }
  let hasHours = false;
  const weekly = WEEKDAYS.map((day) => {
    let previousEnd = 0;
    return (calendar.weekly[day] ?? []).map((interval, index) => {
      const start = TIME.test(interval.start) ? timeToMinutes(interval.start) : Number.NaN;
      const end = TIME.test(interval.end) ? timeToMinutes(interval.end) : Number.NaN;
      // Only what the arithmetic relies on; businessCalendarSchema gives the friendly messages.
      if (!(start >= previousEnd && end > start && end <= 1440)) {
        throw new BusinessCalendarError(
          'invalid_calendar',
          `Invalid opening period weekly.${day}[${index}] (${interval.start}–${interval.end}); parse the calendar with businessCalendarSchema`,
        );
      }
      previousEnd = end;
      hasHours = true;
      return [start, end] as const;
    });
  });
  const holidays = new Set<number>();
  for (const holiday of calendar.holidays ?? []) {
    const day = parseIsoDate(holiday.date);
    if (day === undefined) throw new BusinessCalendarError('invalid_calendar', `Invalid holiday date ${JSON.stringify(holiday.date)}`);
    holidays.add(day);
  }
  return { clock, weekly, holidays, hasHours };
}

/** The local day number of an instant. */
function localDay(calendar: Prepared, instantMs: number): number {
  return Math.floor(calendar.clock.instantToWall(instantMs) / DAY_MS);
}

/** The non-empty opening periods of one local day, in order (they may touch, never overlap). */
function dayPeriods(calendar: Prepared, day: number): Period[] {
  if (calendar.holidays.has(day)) return [];
  const intervals = calendar.weekly[weekdayOfDays(day)] ?? [];
  const periods: Period[] = [];
  const midnight = day * DAY_MS; // local wall time of the day's start
  for (const [startMinute, endMinute] of intervals) {
    const start = calendar.clock.wallToInstant(midnight + startMinute * MINUTE_MS);
    const end = calendar.clock.wallToInstant(midnight + endMinute * MINUTE_MS);
    if (end > start) periods.push([start, end]);
  }
  return periods;
}

/*
 * Which local days to look at. The periods of local day D hold instants whose local date is D, or
 * D - 1 when a DST overlap crosses midnight (the clock goes back from D 00:xx to D-1 23:xx): they
 * end at the first instant showing D+1 00:00 at the latest. So an instant of local date L can only
 * lie in the periods of L or L + 1, and the periods of days before L all end at or before it.
 */

/**
 * Opening periods (raw, in order; touching ones not merged) that end after `fromMs`. Stops after
 * `MAX_SCAN_DAYS` consecutive days without any. Throws `span_too_long` past `MAX_SPAN_DAYS`.
 */
function* periodsFrom(calendar: Prepared, fromMs: number): Generator<Period, void, undefined> {
  const firstDay = localDay(calendar, fromMs);
  let emptyDays = 0;
  for (let day = firstDay; emptyDays <= MAX_SCAN_DAYS; day += 1) {
    if (day - firstDay > MAX_SPAN_DAYS) {
      throw new BusinessCalendarError('span_too_long', `Scanned more than ${MAX_SPAN_DAYS} days of the calendar`);
    }
    let found = false;
    for (const period of dayPeriods(calendar, day)) {
      if (period[1] <= fromMs) continue;
      found = true;
      yield period;
    }
    emptyDays = found ? 0 : emptyDays + 1;
  }
}

/** Whether the calendar is open at the instant (periods are half-open: open at 09:00, closed at 17:00). */
export function isOpen(calendar: BusinessCalendar, at: InstantInput): boolean {
  const atMs = toEpochMs(at);
  const prepared = prepare(calendar);
  if (!prepared.hasHours) return false;
  const day = localDay(prepared, atMs);
  for (const candidate of [day, day + 1]) {
    for (const [start, end] of dayPeriods(prepared, candidate)) {
      if (start <= atMs && atMs < end) return true;
    }
  }
  return false;
}

/**
 * The first instant at or after `from` at which the calendar is open: `from` itself when it is
 * open then, otherwise the start of the next opening period. `null` when the calendar has no open
 * time within `MAX_SCAN_DAYS` days (for example no intervals at all).
 */
export function nextOpening(calendar: BusinessCalendar, from: InstantInput): number | null {
  const fromMs = toEpochMs(from);
  const prepared = prepare(calendar);
  if (!prepared.hasHours) return null;
  for (const [start] of periodsFrom(prepared, fromMs)) return Math.max(start, fromMs);
  return null;
}

/**
 * The first instant at or after `from` at which the calendar is closed: `from` itself when it is
 * closed then, otherwise the end of the current open stretch (touching periods, e.g. over
 * midnight, count as one). `null` when it stays open for `MAX_SCAN_DAYS` days (e.g. `ALWAYS_OPEN`).
 */
export function nextClosing(calendar: BusinessCalendar, from: InstantInput): number | null {
  const fromMs = toEpochMs(from);
  const prepared = prepare(calendar);
  if (!prepared.hasHours) return fromMs;
  let closing: number | undefined;
  for (const [start, end] of periodsFrom(prepared, fromMs)) {
    if (closing === undefined) {
      if (start > fromMs) return fromMs;
      closing = end;
    } else if (start <= closing) {
      closing = Math.max(closing, end);
    } else {
      return closing;
    }
    if (closing - fromMs > MAX_SCAN_DAYS * DAY_MS) return null;
  }
  return closing ?? fromMs;
}

function checkDuration(durationMs: number): void {
  if (!Number.isInteger(durationMs) || durationMs < 0) {
    throw new RangeError(`A business-time duration must be whole milliseconds >= 0, got ${String(durationMs)}`);
  }
}

/**
 * The instant at which `durationMs` of open time has elapsed, counting from `from` and skipping
 * closed time and holidays: the SLA deadline of "4 business hours from now". Precisely, the
 * earliest instant `t` with `businessTimeBetween(calendar, from, t) === durationMs`; so a
 * duration that runs out exactly at closing time ends at the closing time (Friday 15:00 + 2h of a
 * 09:00–17:00 calendar is Friday 17:00, not Monday 09:00), and a duration of 0 returns `from`.
 *
 * Throws a `RangeError` for a negative or fractional duration, and a `BusinessCalendarError`
 * (`never_open`) when the calendar has no open time within `MAX_SCAN_DAYS` days, or
 * (`span_too_long`) when the deadline lies more than `MAX_SPAN_DAYS` local days ahead.
 */
export function addBusinessTime(calendar: BusinessCalendar, from: InstantInput, durationMs: number): number {
  const fromMs = toEpochMs(from);
  checkDuration(durationMs);
  const prepared = prepare(calendar);
  if (durationMs === 0) return fromMs;
  let remaining = durationMs;
  if (prepared.hasHours) {
    for (const [start, end] of periodsFrom(prepared, fromMs)) {
      const openFrom = Math.max(start, fromMs);
      const available = end - openFrom;
      if (remaining <= available) return openFrom + remaining;
      remaining -= available;
    }
  }
  throw new BusinessCalendarError(
    'never_open',
    `The calendar (${calendar.timeZone}) has no open time within ${MAX_SCAN_DAYS} days; cannot add business time`,
  );
}

/**
 * Open milliseconds between two instants: the elapsed business time of an SLA clock, or the
 * denominator of "% of SLA used". Antisymmetric: when `to` is before `from` the result is the
 * negated open time between `to` and `from`. Throws a `BusinessCalendarError` (`span_too_long`)
 * for a range longer than `MAX_SPAN_DAYS` days.
 */
export function businessTimeBetween(calendar: BusinessCalendar, from: InstantInput, to: InstantInput): number {
  const fromMs = toEpochMs(from);
  const toMs = toEpochMs(to);
  const prepared = prepare(calendar);
  if (toMs < fromMs) return -openTime(prepared, toMs, fromMs);
  return openTime(prepared, fromMs, toMs);
}

function openTime(calendar: Prepared, fromMs: number, toMs: number): number {
  if (!calendar.hasHours || toMs === fromMs) return 0;
  if (toMs - fromMs > MAX_SPAN_DAYS * DAY_MS) {
    throw new BusinessCalendarError('span_too_long', `Cannot measure business time over more than ${MAX_SPAN_DAYS} days`);
  }
  // Periods of day D start at or after local midnight of D, which is after `toMs` for every
  // D > localDay(to) + 1; hence the last day to look at.
  const lastDay = localDay(calendar, toMs) + 1;
  let total = 0;
  for (let day = localDay(calendar, fromMs); day <= lastDay; day += 1) {
    for (const [start, end] of dayPeriods(calendar, day)) {
      const overlap = Math.min(end, toMs) - Math.max(start, fromMs);
      if (overlap > 0) total += overlap;
    }
  }
  return total;
}
