import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';

/** Ends the conversation with a final status (which the inbox and analytics report on). */
export const end = defineNodeKind({
  kind: 'end',
  label: 'End',
  description: 'Finish the conversation and mark it resolved or closed.',
  category: 'flow',
  // No outputs: an end node is the only kind allowed to be a dead end.
  ports: { input: true, outputs: [] },
  config: z.strictObject({
    status: z
      .enum(['resolved', 'closed'], { error: 'Must be "resolved" or "closed"' })
      // A missing status means resolved: that is what a flow reaching its end usually is.
      .default('resolved')
      .meta({
        title: 'Status',
        description: 'Resolved: the request was handled. Closed: ended without a resolution.',
        widget: 'select',
      } satisfies FieldMeta),
    message: z
      .string({ error: 'Must be text' })
      .max(2000, { error: 'Must be at most 2000 characters' })
      .default('')
      .meta({
        title: 'Closing message',
        description: 'Optional last words before the conversation ends. Use {{variable}}.',
        widget: 'textarea',
        template: true,
      } satisfies FieldMeta),
  }),
  defaults: { status: 'resolved', message: '' },
});
