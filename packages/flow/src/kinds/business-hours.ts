import { z } from 'zod';
import { defineNodeKind } from '../node-kind';
import { calendarDefaults, calendarFields, checkCalendar } from './calendar-fields';

/** Branches on whether the business is open right now (time zone, weekly hours, holidays). */
export const businessHours = defineNodeKind({
  kind: 'business_hours',
  label: 'Business hours',
  description: 'Go one way while open, another while closed (holidays count as closed).',
  category: 'flow',
  ports: {
    input: true,
    outputs: [
      { id: 'open', label: 'Open' },
      { id: 'closed', label: 'Closed' },
    ],
  },
  config: z.strictObject({ ...calendarFields }).superRefine(checkCalendar),
  defaults: { ...calendarDefaults },
});
