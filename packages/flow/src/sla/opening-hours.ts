import { WEEKDAYS, type WeeklyHours, type Weekday } from '../calendar/model';

/**
 * Opening hours written the way people write them on a door, so a plain text field in the
 * builder can hold a whole week:
 *
 *   always                                  open around the clock
 *   mon-fri 09:00-17:00                     weekdays, nine to five
 *   mon-fri 09:00-12:30, 13:30-17:00; sat 10:00-14:00
 *
 * Parts are separated by `;` or new lines; each names days (single days, ranges, commas) and
 * then intervals. Days not named are closed. Returns the weekly schedule or a precise error.
 */
export type OpeningHoursResult = { ok: true; weekly: WeeklyHours } | { ok: false; error: string };

const DAY_INDEX = new Map<string, number>(WEEKDAYS.map((day, index) => [day, index]));

export function parseOpeningHours(text: string): OpeningHoursResult {
  const trimmed = text.trim().toLowerCase();
  const weekly = Object.fromEntries(WEEKDAYS.map((day) => [day, [] as { start: string; end: string }[]])) as Record<
    Weekday,
    { start: string; end: string }[]
  >;
  if (trimmed === 'always' || trimmed === '24/7') {
    for (const day of WEEKDAYS) weekly[day] = [{ start: '00:00', end: '24:00' }];
    return { ok: true, weekly };
  }
  const parts = trimmed.split(/[;\n]+/).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0) return { ok: false, error: 'Write opening hours like "mon-fri 09:00-17:00", or "always"' };
  for (const part of parts) {
    const match = /^([a-z,\s-]+?)\s+(\d.*)$/.exec(part);
    if (!match) return { ok: false, error: `"${part}": expected days then times, like "mon-fri 09:00-17:00"` };
    const days = parseDays(match[1]!);
    if (typeof days === 'string') return { ok: false, error: `"${part}": ${days}` };
    for (const range of match[2]!.split(',').map((r) => r.trim())) {
      const time = /^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$/.exec(range);
      if (!time) return { ok: false, error: `"${range}": expected a time range like 09:00-17:00` };
      const start = `${time[1]!.padStart(2, '0')}:${time[2]}`;
      const end = `${time[3]!.padStart(2, '0')}:${time[4]}`;
      for (const day of days) weekly[day].push({ start, end });
    }
  }
  for (const day of WEEKDAYS) weekly[day].sort((a, b) => a.start.localeCompare(b.start));
  return { ok: true, weekly };
}

function parseDays(spec: string): Weekday[] | string {
  const days = new Set<Weekday>();
  for (const token of spec.split(',').map((t) => t.trim()).filter(Boolean)) {
    const [from, to] = token.split('-').map((t) => t.trim().slice(0, 3));
    const start = DAY_INDEX.get(from ?? '');
    const end = to === undefined ? start : DAY_INDEX.get(to);
    if (start === undefined || end === undefined) return `unknown day "${token}" (use mon, tue, wed, thu, fri, sat, sun)`;
    for (let i = start; ; i = (i + 1) % 7) {
      days.add(WEEKDAYS[i]!);
      if (i === end) break;
    }
  }
  return days.size > 0 ? [...days] : 'no days given';
}
