import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';

/**
 * Pauses the flow on a durable timer: for a while, or until a moment. The customer may write
 * meanwhile (messages are kept in the transcript); an agent may still resolve the conversation.
 */
export const wait = defineNodeKind({
  kind: 'wait',
  label: 'Wait',
  description: 'Pause for a while, or until a date and time, then continue.',
  category: 'flow',
  ports: { input: true, outputs: [{ id: 'next', label: 'Next' }] },
  config: z
    .strictObject({
      mode: z
        .enum(['delay', 'until'], { error: 'Choose delay or until' })
        .default('delay')
        .meta({ title: 'Wait', description: 'For a duration, or until a moment.', widget: 'select' } satisfies FieldMeta),
      minutes: z.coerce
        .number({ error: 'Must be a number of minutes' })
        .min(0, { error: 'Cannot be negative' })
        .max(60 * 24 * 90, { error: 'At most 90 days' })
        .default(5)
        .meta({ title: 'Minutes', description: 'How long to wait (delay mode).', widget: 'text' } satisfies FieldMeta),
      until: z
        .union([z.literal(''), z.iso.datetime({ offset: true, error: 'Use an ISO date and time, e.g. 2026-12-24T09:00:00Z' })])
        .default('')
        .meta({ title: 'Until', description: 'When to continue (until mode), ISO 8601 with zone.', widget: 'text' } satisfies FieldMeta),
    })
    .superRefine((config, ctx) => {
      if (config.mode === 'until' && !config.until) {
        ctx.addIssue({ code: 'custom', path: ['until'], message: 'Required when waiting until a moment' });
      }
    }),
  defaults: { mode: 'delay', minutes: 5, until: '' },
  // Waits for something outside the flow (validation: a cycle needs such a node).
  suspends: true,
});
