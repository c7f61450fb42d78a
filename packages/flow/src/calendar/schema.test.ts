import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ALWAYS_OPEN,
  businessCalendarSchema,
  businessHoursIntervalSchema,
  DEFAULT_BUSINESS_CALENDAR,
  holidaySchema,
  timeToMinutes,
  WEEKDAYS,
  weeklyHoursSchema,
  type BusinessCalendarInput,
} from './index';

const valid: BusinessCalendarInput = {
  timeZone: 'Europe/Berlin',
  weekly: {
    mon: [
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ],
    fri: [{ start: '09:00', end: '24:00' }],
    sat: [{ start: '00:00', end: '02:00' }],
  },
  holidays: [{ date: '2025-12-25', name: 'Christmas Day' }, { date: '2025-12-26' }],
};

/** The issues of a failed parse as `path: message` lines. */
function issuesOf(input: unknown): string[] {
  const result = businessCalendarSchema.safeParse(input);
  expect(result.success).toBe(false);
  return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const withDay = (mon: unknown): unknown => ({ timeZone: 'UTC', weekly: { mon } });

describe('businessCalendarSchema', () => {
  it('parses a calendar and fills in missing days and holidays', () => {
    const parsed = businessCalendarSchema.parse(valid);
    expect(parsed.weekly.tue).toEqual([]);
    expect(parsed.weekly.sun).toEqual([]);
    expect(parsed.weekly.mon).toHaveLength(2);
    expect(parsed.holidays).toEqual(valid.holidays);
    expect(businessCalendarSchema.parse({ timeZone: 'Asia/Kolkata', weekly: {} })).toEqual({
      timeZone: 'Asia/Kolkata',
      weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
      holidays: [],
    });
  });

  it('accepts the built-in calendars', () => {
    expect(businessCalendarSchema.parse(ALWAYS_OPEN)).toEqual(ALWAYS_OPEN);
    expect(businessCalendarSchema.parse(DEFAULT_BUSINESS_CALENDAR)).toEqual(DEFAULT_BUSINESS_CALENDAR);
    expect(Object.isFrozen(ALWAYS_OPEN.weekly.mon[0])).toBe(true);
    expect(Object.isFrozen(DEFAULT_BUSINESS_CALENDAR.weekly)).toBe(true);
  });

  it('rejects unknown time zones', () => {
    for (const timeZone of ['Mars/Olympus_Mons', 'Europe/Berln', 'GMT+25']) {
      expect(issuesOf({ timeZone, weekly: {} })).toEqual([
        'timeZone: Unknown time zone: use an IANA name such as Europe/Berlin or America/New_York',
      ]);
    }
    expect(issuesOf({ timeZone: '', weekly: {} })).toEqual(['timeZone: Required']);
    expect(issuesOf({ timeZone: 'x'.repeat(65), weekly: {} })).toEqual(['timeZone: Must be at most 64 characters']);
    expect(issuesOf({ timeZone: 42, weekly: {} })).toEqual(['timeZone: Must be text']);
    expect(issuesOf({ weekly: {} })).toEqual(['timeZone: Must be text']);
  });

  it('rejects malformed times', () => {
    expect(issuesOf(withDay([{ start: '25:00', end: '26:00' }]))).toEqual([
      'weekly.mon.0.start: Must be a time from 00:00 to 23:59 (HH:MM, 24-hour clock)',
      'weekly.mon.0.end: Must be a time from 00:01 to 24:00 (HH:MM, 24-hour clock)',
    ]);
    for (const start of ['9:00', '09:60', '24:00', '0900', ' 09:00', '09:00:00']) {
      expect(issuesOf(withDay([{ start, end: '24:00' }])), start).toEqual([
        'weekly.mon.0.start: Must be a time from 00:00 to 23:59 (HH:MM, 24-hour clock)',
      ]);
    }
    for (const end of ['24:01', '25:00', '17:5']) {
      expect(issuesOf(withDay([{ start: '09:00', end }])), end).toEqual([
        'weekly.mon.0.end: Must be a time from 00:01 to 24:00 (HH:MM, 24-hour clock)',
      ]);
    }
  });

  it('rejects an end that is not after the start', () => {
    expect(issuesOf(withDay([{ start: '09:00', end: '09:00' }]))).toEqual(['weekly.mon.0.end: Must be after the opening time']);
    expect(issuesOf(withDay([{ start: '17:00', end: '09:00' }]))).toEqual(['weekly.mon.0.end: Must be after the opening time']);
    expect(issuesOf(withDay([{ start: '00:00', end: '00:00' }]))).toEqual([
      'weekly.mon.0.end: Must be after the opening time',
    ]);
  });

  it('rejects overlapping and unsorted periods, allows touching ones', () => {
    expect(
      issuesOf(
        withDay([
          { start: '09:00', end: '12:00' },
          { start: '11:59', end: '17:00' },
        ]),
      ),
    ).toEqual(['weekly.mon.1.start: Overlaps the previous period (09:00–12:00)']);
    expect(
      issuesOf(
        withDay([
          { start: '13:00', end: '17:00' },
          { start: '09:00', end: '12:00' },
        ]),
      ),
    ).toEqual(['weekly.mon.1.start: Periods must be in order of time']);
    expect(
      issuesOf(
        withDay([
          { start: '09:00', end: '17:00' },
          { start: '10:00', end: '11:00' },
        ]),
      ),
    ).toEqual(['weekly.mon.1.start: Overlaps the previous period (09:00–17:00)']);
    const touching = [
      { start: '09:00', end: '12:00' },
      { start: '12:00', end: '24:00' },
    ];
    expect(businessCalendarSchema.parse(withDay(touching)).weekly.mon).toEqual(touching);
  });

  it('does not pile order errors on top of an invalid period', () => {
    expect(
      issuesOf(
        withDay([
          { start: '25:00', end: '26:00' },
          { start: '09:00', end: '10:00' },
        ]),
      ),
    ).toHaveLength(2); // the two format errors of the first period only
  });

  it('rejects bad and duplicate holidays', () => {
    for (const date of ['2025-02-29', '2025-13-01', '2025-04-31', '25-12-2025', '2025-12-25T00:00', '']) {
      expect(issuesOf({ timeZone: 'UTC', weekly: {}, holidays: [{ date }] }), date).toEqual([
        'holidays.0.date: Must be a real date written YYYY-MM-DD',
      ]);
    }
    expect(issuesOf({ timeZone: 'UTC', weekly: {}, holidays: [{ date: '2025-12-25' }, { date: '2025-12-25', name: 'Again' }] })).toEqual([
      'holidays.1.date: 2025-12-25 is listed twice',
    ]);
    expect(issuesOf({ timeZone: 'UTC', weekly: {}, holidays: [{ date: '2025-12-25', name: 'x'.repeat(101) }] })).toEqual([
      'holidays.0.name: Must be at most 100 characters',
    ]);
    expect(businessCalendarSchema.parse({ timeZone: 'UTC', weekly: {}, holidays: [{ date: '2024-02-29' }] }).holidays).toEqual([
      { date: '2024-02-29' },
    ]);
  });

  it('rejects unknown keys and wrong shapes', () => {
    expect(issuesOf({ timeZone: 'UTC', weekly: { monday: [] } })).toEqual(['weekly: Unrecognized key: "monday"']);
    expect(issuesOf({ timeZone: 'UTC', weekly: { mon: {} } })).toEqual(['weekly.mon: Must be a list of opening periods']);
    expect(issuesOf({ timeZone: 'UTC', weekly: {}, holidays: '2025-12-25' })).toEqual(['holidays: Must be a list of holidays']);
    expect(issuesOf({ timeZone: 'UTC', weekly: {}, extra: 1 })).toEqual([': Unrecognized key: "extra"']);
    expect(issuesOf(withDay([{ start: '09:00', end: '17:00', label: 'x' }]))).toEqual(['weekly.mon.0: Unrecognized key: "label"']);
  });

  it('bounds list sizes', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({
      start: `${String(i).padStart(2, '0')}:00`,
      end: `${String(i).padStart(2, '0')}:30`,
    })).slice(0, 24);
    expect(businessCalendarSchema.safeParse(withDay(many)).success).toBe(true);
    expect(issuesOf(withDay([...many, { start: '23:40', end: '23:50' }]))).toEqual(['weekly.mon: At most 24 periods per day']);
  });
});

describe('form metadata', () => {
  const metaOf = (schema: z.ZodType) => z.globalRegistry.get(schema) as { title?: string; description?: string } | undefined;

  it('gives every field a title and a description', () => {
    const fields: [string, z.ZodType][] = [
      ['calendar', businessCalendarSchema],
      ['timeZone', businessCalendarSchema.shape.timeZone],
      ['weekly', businessCalendarSchema.shape.weekly],
      ['holidays', businessCalendarSchema.shape.holidays],
      ['interval', businessHoursIntervalSchema],
      ['start', businessHoursIntervalSchema.shape.start],
      ['end', businessHoursIntervalSchema.shape.end],
      ['holiday', holidaySchema],
      ['date', holidaySchema.shape.date],
      ['name', holidaySchema.shape.name],
      ...WEEKDAYS.map((day) => [day, weeklyHoursSchema.shape[day]] as [string, z.ZodType]),
    ];
    for (const [name, schema] of fields) {
      const meta = metaOf(schema);
      expect(meta?.title, name).toBeTruthy();
      expect(meta?.description, name).toBeTruthy();
    }
    expect(metaOf(weeklyHoursSchema.shape.wed)?.title).toBe('Wednesday');
    expect(metaOf(businessCalendarSchema.shape.timeZone)?.title).toBe('Time zone');
  });

  it('converts to JSON Schema with the titles (for generated forms)', () => {
    const json = z.toJSONSchema(businessCalendarSchema, { io: 'input' }) as unknown as {
      title: string;
      properties: { timeZone: { title: string }; weekly: { properties: { mon: { title: string } } } };
    };
    expect(json.title).toBe('Business hours');
    expect(json.properties.timeZone.title).toBe('Time zone');
    expect(json.properties.weekly.properties.mon.title).toBe('Monday');
  });
});

describe('timeToMinutes', () => {
  it('counts minutes since midnight', () => {
    expect(timeToMinutes('00:00')).toBe(0);
    expect(timeToMinutes('09:30')).toBe(570);
    expect(timeToMinutes('24:00')).toBe(1440);
  });
});
