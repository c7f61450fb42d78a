import type { BusinessCalendar } from '../calendar/model';
import { parseOpeningHours } from './opening-hours';

/** The business-hours fields of a node config (SLA policy, business hours), as stored. */
export interface CalendarConfig {
  timeZone: string;
  hours: string;
  holidays: string;
}

/** Holidays as written in the field: dates separated by commas or spaces. */
export function holidayList(text: string): { date: string }[] {
  return text
    .split(/[,\s]+/)
    .map((date) => date.trim())
    .filter(Boolean)
    .map((date) => ({ date }));
}

/**
 * The calendar of a config that validation has accepted (kinds/calendar-fields.ts checks it
 * with the calendar schema when the flow is published). Free of zod because workflow code calls
 * it: it only reads the text, it does not check time zones or dates again.
 */
export function calendarFromConfig(config: CalendarConfig): BusinessCalendar {
  const hours = parseOpeningHours(config.hours);
  if (!hours.ok) throw new Error(`hours: ${hours.error}`);
  return { timeZone: config.timeZone, weekly: hours.weekly, holidays: holidayList(config.holidays) };
}
