import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { parseAssignments } from './assignments';

/** Computes variables from expressions over the conversation's variables, in order. */
export const setVariable = defineNodeKind({
  kind: 'set_variable',
  label: 'Set variable',
  description: 'Compute variables from expressions, e.g. total = number(price) * 2.',
  category: 'flow',
  ports: { input: true, outputs: [{ id: 'next', label: 'Next' }] },
  config: z
    .strictObject({
      assignments: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('greeting = "Hello " + name')
        .meta({
          title: 'Assignments',
          description: 'One per line: name = expression. Later lines see earlier results.',
          widget: 'assignments',
          assignments: true,
        } satisfies FieldMeta),
    })
    .superRefine((config, ctx) => {
      const parsed = parseAssignments(config.assignments);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['assignments'], message: parsed.error });
    }),
  defaults: { assignments: 'greeting = "Hello " + name' },
});
