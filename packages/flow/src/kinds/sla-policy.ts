import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { calendarDefaults, calendarFields, checkCalendar } from './calendar-fields';

const minutes = (title: string, description: string, fallback: number) =>
  z.coerce
    .number({ error: 'Must be a number of minutes' })
    .int({ error: 'Must be whole minutes' })
    .min(0, { error: 'Cannot be negative' })
    .max(525_600, { error: 'At most a year' })
    .default(fallback)
    .meta({ title, description: `${description} In business minutes; 0 = no target.`, widget: 'text' } satisfies FieldMeta);

/**
 * Attaches an SLA policy to the conversation from here on. Its clocks start when the
 * conversation is handed to a person: first response (until an agent first replies), next
 * response (each time the customer writes again), resolution (paused while the agent waits on
 * the customer). They count business time only, warn at a percentage and act on breach.
 */
export const slaPolicy = defineNodeKind({
  kind: 'sla_policy',
  label: 'SLA policy',
  description: 'Response and resolution targets in business hours, with warnings and escalation.',
  category: 'human',
  ports: { input: true, outputs: [{ id: 'next', label: 'Next' }] },
  config: z
    .strictObject({
      firstResponse: minutes('First response', 'Time for an agent to first reply after the handoff.', 15),
      nextResponse: minutes('Next response', 'Time to answer each new customer message.', 30),
      resolution: minutes('Resolution', 'Time to resolve, not counting time waiting on the customer.', 480),
      warnAtPercent: z.coerce
        .number({ error: 'Must be a number' })
        .int({ error: 'Must be a whole percentage' })
        .min(1, { error: 'At least 1%' })
        .max(99, { error: 'Below 100% (100% is the breach)' })
        .default(75)
        .meta({ title: 'Warn at (%)', description: 'Notify the team when this share of a target has passed.', widget: 'text' } satisfies FieldMeta),
      onBreach: z
        .enum(['notify', 'notify_raise_priority', 'notify_reassign', 'notify_raise_priority_reassign'], {
          error: 'Choose a breach action',
        })
        .default('notify_raise_priority')
        .meta({ title: 'On breach', description: 'Escalation when a target is missed.', widget: 'select' } satisfies FieldMeta),
      webhookUrl: z
        .union([z.literal(''), z.url({ protocol: /^https?$/, error: 'Must be an http(s) URL' })])
        .default('')
        .meta({ title: 'Breach webhook', description: 'Optional URL that receives a POST on every breach.', widget: 'text' } satisfies FieldMeta),
      ...calendarFields,
    })
    // Hours, zone and holidays must make a valid calendar; say which field is wrong.
    .superRefine(checkCalendar),
  defaults: {
    firstResponse: 15,
    nextResponse: 30,
    resolution: 480,
    warnAtPercent: 75,
    onBreach: 'notify_raise_priority',
    webhookUrl: '',
    ...calendarDefaults,
  },
});
