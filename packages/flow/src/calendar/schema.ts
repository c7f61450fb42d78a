import { z } from 'zod';
import { parseIsoDate } from './civil';
import { isValidTimeZone } from './zone';
import {
  END_TIME_PATTERN,
  MAX_HOLIDAYS,
  MAX_INTERVALS_PER_DAY,
  START_TIME_PATTERN,
  timeToMinutes,
  WEEKDAY_LABELS,
  type BusinessCalendar,
  type BusinessHoursInterval,
  type Holiday,
  type Weekday,
  type WeeklyHours,
} from './model';

/**
 * A business-hours calendar: weekly opening hours in one IANA time zone, plus holidays (whole
 * local days closed). Stored as plain JSON in SLA policies and "business hours" nodes, passed
 * to workflows as an argument, and edited in the builder with a form generated from the
 * `.meta({ title, description })` on each field.
 */

function hasWellFormedTimes(interval: { start: string; end: string }): boolean {
  return START_TIME_PATTERN.test(interval.start) && END_TIME_PATTERN.test(interval.end);
}

/** Zod runs list checks even when items have issues: compare only items that are valid alone. */
function isValidInterval(interval: { start: string; end: string }): boolean {
  return hasWellFormedTimes(interval) && timeToMinutes(interval.end) > timeToMinutes(interval.start);
}

export const businessHoursIntervalSchema = z
  .strictObject({
    start: z
      .string({ error: 'Must be text' })
      .regex(START_TIME_PATTERN, { error: 'Must be a time from 00:00 to 23:59 (HH:MM, 24-hour clock)' })
      .meta({ title: 'Opens', description: 'Local time at which this period starts, HH:MM (24-hour clock).', placeholder: '09:00' }),
    end: z
      .string({ error: 'Must be text' })
      .regex(END_TIME_PATTERN, { error: 'Must be a time from 00:01 to 24:00 (HH:MM, 24-hour clock)' })
      .meta({
        title: 'Closes',
        description: 'Local time at which this period ends, HH:MM; 24:00 means midnight at the end of the day.',
        placeholder: '17:00',
      }),
  })
  .refine(
    // Only compare two well-formed times; a malformed one already has its own issue.
    (interval) => !hasWellFormedTimes(interval) || timeToMinutes(interval.end) > timeToMinutes(interval.start),
    {
      error: 'Must be after the opening time',
      path: ['end'],
    },
  )
  .meta({ title: 'Opening period', description: 'One period of the day during which the business is open.' }) satisfies z.ZodType<BusinessHoursInterval>;


function daySchema(weekday: Weekday) {
  return z
    .array(businessHoursIntervalSchema, { error: 'Must be a list of opening periods' })
    .max(MAX_INTERVALS_PER_DAY, { error: `At most ${MAX_INTERVALS_PER_DAY} periods per day` })
    .superRefine((intervals, ctx) => {
      for (let i = 1; i < intervals.length; i += 1) {
        const previous = intervals[i - 1]!;
        const current = intervals[i]!;
        if (!isValidInterval(previous) || !isValidInterval(current)) continue;
        const start = timeToMinutes(current.start);
        if (start < timeToMinutes(previous.start)) {
          ctx.addIssue({ code: 'custom', message: 'Periods must be in order of time', path: [i, 'start'] });
        } else if (start < timeToMinutes(previous.end)) {
          ctx.addIssue({
            code: 'custom',
            message: `Overlaps the previous period (${previous.start}–${previous.end})`,
            path: [i, 'start'],
          });
        }
      }
    })
    .default([])
    .meta({
      title: WEEKDAY_LABELS[weekday],
      description: `Opening periods on ${WEEKDAY_LABELS[weekday]}s, in order, not overlapping. Empty means closed all day.`,
    });
}

export const weeklyHoursSchema = z
  .strictObject({
    mon: daySchema('mon'),
    tue: daySchema('tue'),
    wed: daySchema('wed'),
    thu: daySchema('thu'),
    fri: daySchema('fri'),
    sat: daySchema('sat'),
    sun: daySchema('sun'),
  })
  .meta({
    title: 'Weekly hours',
    description:
      'Opening periods for each day of the week in local time. A missing day is closed. ' +
      'To stay open over midnight, end one day at 24:00 and start the next at 00:00.',
  }) satisfies z.ZodType<WeeklyHours>;


export const holidaySchema = z
  .strictObject({
    date: z
      .string({ error: 'Must be text' })
      .refine((text) => parseIsoDate(text) !== undefined, { error: 'Must be a real date written YYYY-MM-DD' })
      .meta({ title: 'Date', description: 'The local date that is closed all day, YYYY-MM-DD.', placeholder: '2025-12-25' }),
    name: z
      .string({ error: 'Must be text' })
      .max(100, { error: 'Must be at most 100 characters' })
      .optional()
      .meta({ title: 'Name', description: 'Shown in the builder only, e.g. "Christmas Day".', placeholder: 'Christmas Day' }),
  })
  .meta({ title: 'Holiday', description: 'A whole local day on which the business is closed.' }) satisfies z.ZodType<Holiday>;


export const businessCalendarSchema = z
  .strictObject({
    timeZone: z
      .string({ error: 'Must be text' })
      .min(1, { error: 'Required', abort: true })
      .max(64, { error: 'Must be at most 64 characters', abort: true })
      .refine(isValidTimeZone, { error: 'Unknown time zone: use an IANA name such as Europe/Berlin or America/New_York' })
      .meta({
        title: 'Time zone',
        description: 'IANA time zone in which the opening hours and holidays are given.',
        placeholder: 'Europe/Berlin',
      }),
    weekly: weeklyHoursSchema,
    holidays: z
      .array(holidaySchema, { error: 'Must be a list of holidays' })
      .max(MAX_HOLIDAYS, { error: `At most ${MAX_HOLIDAYS} holidays` })
      .superRefine((holidays, ctx) => {
        const seen = new Set<string>();
        holidays.forEach((holiday, index) => {
          if (seen.has(holiday.date)) {
            ctx.addIssue({ code: 'custom', message: `${holiday.date} is listed twice`, path: [index, 'date'] });
          }
          seen.add(holiday.date);
        });
      })
      .default([])
      .meta({ title: 'Holidays', description: 'Local dates on which the business is closed all day.' }),
  })
  .meta({
    title: 'Business hours',
    description: 'Weekly opening hours in a time zone, plus holidays. SLA clocks only run while open.',
  }) satisfies z.ZodType<BusinessCalendar>;

/** What `businessCalendarSchema` accepts: days and holidays may be left out. */
export type BusinessCalendarInput = z.input<typeof businessCalendarSchema>;

