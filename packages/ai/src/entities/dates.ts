/**
 * Dates in customer messages, resolved to calendar days (`YYYY-MM-DD`) against a reference day.
 * Pure calendar arithmetic in UTC (no time zones, no clock), so the result depends only on the
 * text and the reference day.
 *
 * Relative words follow one documented convention:
 * - "today", "tomorrow", "yesterday", "the day after tomorrow";
 * - "monday" / "on monday" / "this monday": the next such day, today included;
 * - "next monday": the next such day after today (1–7 days ahead);
 * - "in 3 days", "in two weeks";
 * - a date without a year ("March 3rd", "12/03") is in the reference day's year.
 */

export interface DateMatch {
  start: number;
  end: number;
  value: string;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** "jan", "sept", "march" → 1-based month (the pattern only lets month words and their abbreviations through). */
function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  const index = w.length >= 3 ? MONTHS.findIndex((month) => month.startsWith(w)) : -1;
  return index >= 0 ? index + 1 : undefined;
}
const SMALL_NUMBERS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };

const MONTH_WORD = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';

type Resolver = (match: RegExpExecArray, reference: Day, order: 'dmy' | 'mdy') => Day | undefined;

/** Each pattern with how to turn its match into a day; earlier patterns win on overlap. */
const PATTERNS: readonly (readonly [RegExp, Resolver])[] = [
  // 2026-03-12 (optionally followed by a time, which is not part of the date)
  [/\b(\d{4})-(\d{2})-(\d{2})(?!\d)/gi, (m) => day(+m[1]!, +m[2]!, +m[3]!)],
  // 12/03/2026, 12.03.26, 12/03
  [
    /\b(\d{1,2})([/.])(\d{1,2})(?:\2(\d{4}|\d{2}))?\b/gi,
    (m, ref, order) => {
      const [a, b] = [+m[1]!, +m[3]!];
      // A part over 12 can only be the day, whatever the convention.
      const [d, mo] = a > 12 ? [a, b] : b > 12 ? [b, a] : order === 'dmy' ? [a, b] : [b, a];
      const year = m[4] ? (m[4].length === 2 ? 2000 + +m[4] : +m[4]) : ref.year;
      return day(year, mo, d);
    },
  ],
  // March 3rd, Mar 3, 2026, March 3 2026
  [new RegExp(`\\b${MONTH_WORD}\\s+${DAY}(?:,?\\s+${YEAR})?\\b`, 'gi'), (m, ref) => day(m[3] ? +m[3] : ref.year, monthNumber(m[1]!) ?? 0, +m[2]!)],
  // 3 March, 3rd of March 2026
  [new RegExp(`\\b${DAY}\\s+(?:of\\s+)?${MONTH_WORD}(?:,?\\s+${YEAR})?\\b`, 'gi'), (m, ref) => day(m[3] ? +m[3] : ref.year, monthNumber(m[2]!) ?? 0, +m[1]!)],
  [/\b(?:the\s+)?day\s+after\s+tomorrow\b/gi, (_, ref) => addDays(ref, 2)],
  [/\b(today|tonight|tomorrow|tmrw|yesterday)\b/gi, (m, ref) => addDays(ref, { today: 0, tonight: 0, tomorrow: 1, tmrw: 1, yesterday: -1 }[m[1]!.toLowerCase()]!)],
  [
    /\bin\s+(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(days?|weeks?)\b/gi,
    (m, ref) => {
      const n = /\d/.test(m[1]!) ? +m[1]! : SMALL_NUMBERS[m[1]!.toLowerCase()]!;
      return addDays(ref, m[2]!.toLowerCase().startsWith('week') ? 7 * n : n);
    },
  ],
  [
    /\b(?:(next|this|on)\s+)?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/gi,
    (m, ref) => {
      const target = WEEKDAYS.indexOf(m[2]!.toLowerCase());
      let ahead = (target - weekday(ref) + 7) % 7;
      if (ahead === 0 && m[1]?.toLowerCase() === 'next') ahead = 7;
      return addDays(ref, ahead);
    },
  ],
];

export function findDates(text: string, reference: string | Date, order: 'dmy' | 'mdy' = 'dmy'): DateMatch[] {
  const ref = parseReference(reference);
  const found: DateMatch[] = [];
  for (const [pattern, resolve] of PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (found.some((f) => start < f.end && f.start < end)) continue;
      const resolved = resolve(m, ref, order);
      if (resolved) found.push({ start, end, value: format(resolved) });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

interface Day {
  year: number;
  month: number;
  day: number;
}

/** A real calendar day, or undefined ("31/02", month 13). */
function day(year: number, month: number, dayOfMonth: number): Day | undefined {
  if (!(month >= 1 && month <= 12 && dayOfMonth >= 1 && year >= 1900 && year <= 2200)) return undefined;
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return { year, month, day: dayOfMonth };
}

function addDays(ref: Day, days: number): Day {
  const date = new Date(Date.UTC(ref.year, ref.month - 1, ref.day + days));
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const weekday = (d: Day) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
const format = (d: Day) => `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

function parseReference(reference: string | Date): Day {
  if (reference instanceof Date) {
    if (Number.isNaN(reference.getTime())) throw new RangeError('referenceDate is not a valid date');
    return { year: reference.getUTCFullYear(), month: reference.getUTCMonth() + 1, day: reference.getUTCDate() };
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(reference);
  const parsed = m ? day(+m[1]!, +m[2]!, +m[3]!) : undefined;
  if (!parsed) throw new RangeError(`referenceDate "${reference}" is not a YYYY-MM-DD day`);
  return parsed;
}
