/** Calendars and time helpers shared by the business-time tests (src/calendar/business-time*.test.ts). */
import { businessCalendarSchema, type BusinessCalendar, type BusinessCalendarInput } from '../src/calendar/index';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Epoch ms of a UTC ISO string, through the platform parser (tests only: an independent oracle). */
export const utc = (iso: string): number => Date.parse(iso);
/** An epoch-ms result as UTC ISO text, so failures read well. */
export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export type Intervals = { start: string; end: string }[];
export const calendar = (input: BusinessCalendarInput): BusinessCalendar => businessCalendarSchema.parse(input);
export const weekdays = (intervals: Intervals) => ({ mon: intervals, tue: intervals, wed: intervals, thu: intervals, fri: intervals });

export const NINE_TO_FIVE = [{ start: '09:00', end: '17:00' }];
export const berlinOffice = calendar({ timeZone: 'Europe/Berlin', weekly: weekdays(NINE_TO_FIVE) });
export const berlinLunch = calendar({
  timeZone: 'Europe/Berlin',
  weekly: weekdays([
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '17:00' },
  ]),
});
/** Open Saturday 22:00 to Sunday 04:00: straddles midnight and both Berlin DST switches. */
export const berlinNight = calendar({
  timeZone: 'Europe/Berlin',
  weekly: { sat: [{ start: '22:00', end: '24:00' }], sun: [{ start: '00:00', end: '04:00' }] },
});
export const newYorkOffice = calendar({ timeZone: 'America/New_York', weekly: weekdays(NINE_TO_FIVE) });
export const newYorkNight = calendar({ timeZone: 'America/New_York', weekly: { sun: [{ start: '00:00', end: '04:00' }] } });
export const kolkataOffice = calendar({ timeZone: 'Asia/Kolkata', weekly: weekdays([{ start: '09:30', end: '18:00' }]) });
/** Santiago switches DST at midnight, so Sunday 00:00 is skipped in September and repeated in April. */
export const santiagoNight = calendar({
  timeZone: 'America/Santiago',
  weekly: { sat: [{ start: '22:00', end: '24:00' }], sun: [{ start: '00:00', end: '02:00' }] },
});
/** Monday evening into Tuesday morning. */
export const berlinLate = calendar({
  timeZone: 'Europe/Berlin',
  weekly: { mon: [{ start: '18:00', end: '24:00' }], tue: [{ start: '00:00', end: '06:00' }] },
});
export const never = calendar({ timeZone: 'Europe/Berlin', weekly: {} });
