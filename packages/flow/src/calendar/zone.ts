/**
 * Time-zone arithmetic on epoch milliseconds, built only on `Intl.DateTimeFormat` with an explicit
 * `timeZone` (available in Temporal's workflow sandbox and in browsers) and integer arithmetic.
 * No `Date` object is created and nothing reads the host's clock or its local zone, so every
 * function here is deterministic.
 *
 * Vocabulary:
 * - an **instant** is epoch milliseconds (UTC);
 * - a **wall time** ("local ms") is a zone's local date and clock reading written as if it were
 *   UTC epoch ms: `daysFromCivil(y, m, d) * DAY_MS + hh * HOUR_MS + ...`. It is a plain number on
 *   which day and minute arithmetic is exact.
 *
 * From wall time to instant, the rule (gaps and overlaps included) is: **a wall time maps to the
 * earliest instant whose wall time is at or after it.** Consequences:
 * - usual case: the one instant that shows that wall time;
 * - overlap (clocks go back, the wall time happens twice): the FIRST occurrence, i.e. the offset
 *   before the transition. Europe/Berlin 2025-10-26 02:30 → 02:30+02:00 = 00:30Z;
 * - gap (clocks go forward, the wall time never happens): the transition instant itself, the first
 *   moment after the skipped range. Europe/Berlin 2025-03-30 02:30 → 03:00+02:00 = 01:00Z.
 * This mapping never decreases as the wall time grows, so local intervals stay ordered and never
 * overlap once converted.
 */
import { civilFromDays, DAY_MS, daysFromCivil, daysInMonth, HOUR_MS, MINUTE_MS, SECOND_MS } from './civil';

/** Earliest instant the calendar functions accept: 1900-01-01T00:00:00Z. */
export const MIN_INSTANT_MS = -2_208_988_800_000;
/** Latest instant the calendar functions accept: 9999-12-31T23:59:59.999Z. */
export const MAX_INSTANT_MS = 253_402_300_799_999;

/** An instant given as epoch milliseconds or as an ISO 8601 string with `Z` or an offset. */
export type InstantInput = number | string;

// ---------------------------------------------------------------------------------------------
// Formatters (cached per zone) and offsets
// ---------------------------------------------------------------------------------------------

/**
 * One formatter per zone name, created on first use. Creating an `Intl.DateTimeFormat` costs far
 * more than formatting with it. The map is module state but deterministic (its contents only
 * depend on which zones were asked for); it is cleared when it reaches `MAX_CACHED_ZONES`
 * entries, which only unusual input (many spellings of zone names) can do.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_CACHED_ZONES = 512;

/**
 * The cached formatter of a zone. Throws a `RangeError` (from Intl) when the zone is unknown.
 * `hourCycle: 'h23'` makes midnight `00` (never `24`); calendar and digits are pinned so that the
 * parts are Gregorian ASCII numbers whatever the host's defaults.
 */
export function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      calendar: 'gregory',
      numberingSystem: 'latn',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size >= MAX_CACHED_ZONES) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (`Europe/Berlin`, `UTC`, `Asia/Kolkata`, ...). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    zoneFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Wall time (local ms) of an instant that is a whole second. */
function wallOfSecond(formatter: Intl.DateTimeFormat, instantSecondMs: number): number {
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of formatter.formatToParts(instantSecondMs)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24; // old engines print midnight as 24 even with h23
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  return daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * SECOND_MS;
}

/** The zone's offset from UTC at an instant, in ms (east positive: Berlin in summer = +7_200_000). */
export function offsetAt(formatter: Intl.DateTimeFormat, instantMs: number): number {
  const second = Math.floor(instantMs / SECOND_MS) * SECOND_MS;
  return wallOfSecond(formatter, second) - second;
}

/**
 * Conversions between instants and wall times in one zone, with a memo of the offsets looked up
 * (keyed by the instant's whole second). Scans over consecutive days ask for the same sample
 * instants again (day D's "one day after" is day D+2's "one day before"), so one `ZoneClock` per
 * calculation roughly halves the `formatToParts` calls. Create one per calculation, not per
 * process: the memo is bounded but only useful while the instants are close together.
 */
export class ZoneClock {
  private readonly memo = new Map<number, number>();

  constructor(readonly formatter: Intl.DateTimeFormat) {}

  static of(timeZone: string): ZoneClock {
    return new ZoneClock(zoneFormatter(timeZone));
  }

  /** The offset from UTC at an instant, in ms (east positive). */
  offsetAt(instantMs: number): number {
    const second = Math.floor(instantMs / SECOND_MS) * SECOND_MS;
    let offset = this.memo.get(second);
    if (offset === undefined) {
      offset = wallOfSecond(this.formatter, second) - second;
      if (this.memo.size >= 4096) this.memo.clear();
      this.memo.set(second, offset);
    }
    return offset;
  }

  /** Wall time (local ms) of an instant. */
  instantToWall(instantMs: number): number {
    return instantMs + this.offsetAt(instantMs);
  }

  /**
   * The earliest instant whose wall time is at or after `wallMs` (see the module comment for
   * what that means in DST gaps and overlaps).
   *
   * The offsets in force one day before and one day after are the only candidates, which holds
   * for every zone that does not change its offset twice within two days (no zone in use does).
   * Two offset look-ups away from transitions, a few more near one, ~30 in a gap (bisection).
   */
  wallToInstant(wallMs: number): number {
    const before = this.offsetAt(wallMs - DAY_MS);
    const after = this.offsetAt(wallMs + DAY_MS);
    // Same offset on both sides: no transition in between, so it is the offset at wallMs too.
    if (before === after) return wallMs - before;
    let earliest: number | undefined;
    for (const offset of [before, after]) {
      const candidate = wallMs - offset;
      if (this.offsetAt(candidate) === offset && (earliest === undefined || candidate < earliest)) {
        earliest = candidate;
      }
    }
    if (earliest !== undefined) return earliest;
    // A gap: clocks jumped from below wallMs to above it. Find the transition by bisection between
    // an instant that still shows an earlier wall time and one that shows a later one.
    let lo = wallMs - Math.max(before, after); // wall(lo) < wallMs
    let hi = wallMs - Math.min(before, after); // wall(hi) >= wallMs
    if (this.instantToWall(hi) < wallMs) return hi; // not a plain gap; stay total
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (this.instantToWall(mid) >= wallMs) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

// ---------------------------------------------------------------------------------------------
// Instants in and out
// ---------------------------------------------------------------------------------------------

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:(Z)|([+-])(\d{2}):(\d{2}))$/;
const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

function wallFromMatch(match: RegExpExecArray, what: string, text: string): number {
  const [year, month, day, hour, minute] = [1, 2, 3, 4, 5].map((i) => Number(match[i]));
  const second = match[6] === undefined ? 0 : Number(match[6]);
  const millis = match[7] === undefined ? 0 : Number(match[7].slice(0, 3).padEnd(3, '0'));
  if (
    year === undefined || month === undefined || day === undefined || hour === undefined ||
    minute === undefined || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
    hour > 23 || minute > 59 || second > 59
  ) {
    throw new RangeError(`Invalid ${what}: ${JSON.stringify(text)}`);
  }
  return daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * SECOND_MS + millis;
}

/**
 * Epoch ms of an instant given as a number or as an ISO 8601 string WITH a zone designator:
 * `2025-03-28T16:00:00Z`, `2025-03-28T17:00+01:00`, `2025-03-28T16:00:00.250Z`. Strings without
 * `Z` or an offset are refused (they would depend on the host's zone). Digits after milliseconds
 * are truncated. Throws a `RangeError` for anything else, for a number that is not an integer
 * and for instants outside 1900–9999.
 */
export function toEpochMs(instant: InstantInput): number {
  let ms: number;
  if (typeof instant === 'number') {
    ms = instant;
  } else if (typeof instant === 'string') {
    const match = INSTANT_PATTERN.exec(instant);
    if (!match) {
      throw new RangeError(`Invalid instant ${JSON.stringify(instant)}: expected ISO 8601 with Z or an offset, e.g. 2025-03-28T16:00:00Z`);
    }
    const wall = wallFromMatch(match, 'instant', instant);
    let offset = 0;
    if (match[8] === undefined) {
      const hours = Number(match[10]);
      const minutes = Number(match[11]);
      if (hours > 23 || minutes > 59) throw new RangeError(`Invalid offset in ${JSON.stringify(instant)}`);
      offset = (match[9] === '-' ? -1 : 1) * (hours * HOUR_MS + minutes * MINUTE_MS);
    }
    ms = wall - offset;
  } else {
    throw new TypeError('An instant must be epoch milliseconds (number) or an ISO 8601 string');
  }
  if (!Number.isInteger(ms) || ms < MIN_INSTANT_MS || ms > MAX_INSTANT_MS) {
    throw new RangeError(`Instant must be whole epoch milliseconds from 1900-01-01 to 9999-12-31 UTC: ${String(instant)}`);
  }
  return ms;
}

/**
 * Epoch ms of a local date-time (`YYYY-MM-DDTHH:MM[:SS[.sss]]`, no offset) in a zone, with the
 * gap/overlap rule of this module. Throws a `RangeError` for a malformed text or unknown zone.
 */
export function zonedToEpochMs(timeZone: string, local: string): number {
  const match = LOCAL_PATTERN.exec(local);
  if (!match) throw new RangeError(`Invalid local date-time ${JSON.stringify(local)}: expected YYYY-MM-DDTHH:MM[:SS[.sss]]`);
  return ZoneClock.of(timeZone).wallToInstant(wallFromMatch(match, 'local date-time', local));
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** `+HH:MM` (or `+HH:MM:SS` for historical local-mean-time offsets) of an offset in ms. */
function formatOffset(offsetMs: number): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(offsetMs);
  const hours = Math.floor(abs / HOUR_MS);
  const minutes = Math.floor((abs % HOUR_MS) / MINUTE_MS);
  const seconds = Math.floor((abs % MINUTE_MS) / SECOND_MS);
  return `${sign}${pad(hours)}:${pad(minutes)}${seconds === 0 ? '' : `:${pad(seconds)}`}`;
}

/**
 * An instant as local ISO 8601 text with its offset, e.g. `2025-03-31T10:00:00+02:00`
 * (milliseconds only when not zero). For logs, tests and "opens at …" labels.
 */
export function toZonedIso(timeZone: string, instant: InstantInput): string {
  const ms = toEpochMs(instant);
  const offset = offsetAt(zoneFormatter(timeZone), ms);
  const wall = ms + offset;
  const days = Math.floor(wall / DAY_MS);
  const { year, month, day } = civilFromDays(days);
  const inDay = wall - days * DAY_MS;
  const hour = Math.floor(inDay / HOUR_MS);
  const minute = Math.floor((inDay % HOUR_MS) / MINUTE_MS);
  const second = Math.floor((inDay % MINUTE_MS) / SECOND_MS);
  const millis = inDay % SECOND_MS;
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${formatOffset(offset)}`;
}
