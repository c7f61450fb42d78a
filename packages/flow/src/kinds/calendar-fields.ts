import { z } from 'zod';
import type { FieldMeta } from '../node-kind';
import { businessCalendarSchema } from '../calendar';
import { parseOpeningHours } from '../sla/opening-hours';
import { holidayList, type CalendarConfig } from '../sla/calendar-config';

/**
 * The business-hours fields shared by every kind that follows a calendar (SLA policy, business
 * hours): a time zone, opening hours written like a door sign, and holidays.
 */
export const calendarFields = {
  timeZone: z
    .string({ error: 'Must be text' })
    .default('UTC')
    .meta({ title: 'Time zone', description: 'IANA zone of the business hours, e.g. Europe/Berlin.', widget: 'text' } satisfies FieldMeta),
  hours: z
    .string({ error: 'Must be text' })
    .default('mon-fri 09:00-17:00')
    .meta({
      title: 'Business hours',
      description: 'Like "mon-fri 09:00-17:00; sat 10:00-14:00", or "always".',
      widget: 'text',
    } satisfies FieldMeta),
  holidays: z
    .string({ error: 'Must be text' })
    .default('')
    .meta({ title: 'Holidays', description: 'Closed days, comma separated: 2026-12-25, 2026-12-26.', widget: 'text' } satisfies FieldMeta),
};

export const calendarDefaults = { timeZone: 'UTC', hours: 'mon-fri 09:00-17:00', holidays: '' };

function readCalendar(config: CalendarConfig) {
  const hours = parseOpeningHours(config.hours);
  if (!hours.ok) return { ok: false as const, issues: [{ field: 'hours', message: hours.error }] };
  // A calendar that is never open would leave SLA deadlines and "open" branches unreachable.
  if (Object.values(hours.weekly).every((intervals) => intervals.length === 0)) {
    return { ok: false as const, issues: [{ field: 'hours', message: 'Open at least one day' }] };
  }
  const calendar = businessCalendarSchema.safeParse({
    timeZone: config.timeZone,
    weekly: hours.weekly,
    holidays: holidayList(config.holidays),
  });
  if (calendar.success) return { ok: true as const, calendar: calendar.data };
  return {
    ok: false as const,
    issues: calendar.error.issues.map((issue) => ({
      field: issue.path[0] === 'timeZone' ? 'timeZone' : issue.path[0] === 'holidays' ? 'holidays' : 'hours',
      message: issue.message,
    })),
  };
}

/** A zod refinement that reports calendar problems on the field that causes them. */
export function checkCalendar(config: CalendarConfig, ctx: z.RefinementCtx): void {
  const result = readCalendar(config);
  if (result.ok) return;
  for (const issue of result.issues) ctx.addIssue({ code: 'custom', path: [issue.field], message: issue.message });
}
