import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { parseExpression } from '../expressions';

const branch = (title: string, required: boolean) =>
  z
    .string({ error: 'Must be text' })
    .max(500, { error: 'Must be at most 500 characters' })
    .default(required ? 'true' : '')
    .meta({
      title,
      description: required
        ? 'An expression that is true or false, e.g. number(age) >= 18 && country == "DE".'
        : 'Optional; checked only if the branches above are false.',
      widget: 'text',
      expression: 'boolean',
    } satisfies FieldMeta);

/**
 * Ordered branches over variables: the first true expression's exit is taken, otherwise
 * `else`. Unused "else if" branches need no connection.
 */
export const condition = defineNodeKind({
  kind: 'condition',
  label: 'Condition',
  description: 'Branch on expressions over variables: if, else if, else.',
  category: 'flow',
  ports: {
    input: true,
    outputs: [
      { id: 'if', label: 'If' },
      { id: 'elseIf1', label: 'Else if' },
      { id: 'elseIf2', label: 'Else if (2)' },
      { id: 'else', label: 'Else' },
    ],
  },
  config: z
    .strictObject({
      if: branch('If', true),
      elseIf1: branch('Else if', false),
      elseIf2: branch('Else if (2)', false),
    })
    .superRefine((config, ctx) => {
      for (const field of ['if', 'elseIf1', 'elseIf2'] as const) {
        if (field === 'if' ? false : !config[field].trim()) continue;
        if (field === 'if' && !config.if.trim()) {
          ctx.addIssue({ code: 'custom', path: ['if'], message: 'Required' });
          continue;
        }
        const parsed = parseExpression(config[field]);
        if (!parsed.ok) ctx.addIssue({ code: 'custom', path: [field], message: parsed.error.message });
      }
      if (!config.elseIf1.trim() && config.elseIf2.trim()) {
        ctx.addIssue({ code: 'custom', path: ['elseIf2'], message: 'Fill in the first "else if" before the second' });
      }
    }),
  defaults: { if: 'true', elseIf1: '', elseIf2: '' },
  usedPorts: (config) => [
    'if',
    ...(config.elseIf1.trim() ? (['elseIf1'] as const) : []),
    ...(config.elseIf2.trim() ? (['elseIf2'] as const) : []),
    'else',
  ],
});
