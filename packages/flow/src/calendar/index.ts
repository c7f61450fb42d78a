/**
 * Business-hours calendars: the schema, and the deterministic arithmetic that SLA clocks and the
 * "business hours" node run inside Temporal workflow code. See the package README, section
 * "Business-hours calendars".
 */
export {
  WEEKDAYS,
  WEEKDAY_LABELS,
  START_TIME_PATTERN,
  END_TIME_PATTERN,
  MAX_INTERVALS_PER_DAY,
  MAX_HOLIDAYS,
  timeToMinutes,
  ALWAYS_OPEN,
  DEFAULT_BUSINESS_CALENDAR,
  type Weekday,
  type BusinessHoursInterval,
  type WeeklyHours,
  type Holiday,
  type BusinessCalendar,
} from './model';
export {
  businessHoursIntervalSchema,
  weeklyHoursSchema,
  holidaySchema,
  businessCalendarSchema,
  type BusinessCalendarInput,
} from './schema';
export {
  isOpen,
  nextOpening,
  nextClosing,
  addBusinessTime,
  businessTimeBetween,
  BusinessCalendarError,
  MAX_SCAN_DAYS,
  MAX_SPAN_DAYS,
  type BusinessCalendarErrorCode,
} from './business-time';
export {
  isValidTimeZone,
  toEpochMs,
  toZonedIso,
  zonedToEpochMs,
  MIN_INSTANT_MS,
  MAX_INSTANT_MS,
  type InstantInput,
} from './zone';
