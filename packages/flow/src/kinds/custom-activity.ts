import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { parseCustomActivityInput, parseOutputMapping } from '../integrations/node-mappings';
import { variableNameSchema } from '../variable-schema';

/** Activity names as registered on the worker (Temporal activity types): identifier-like. */
export { parseCustomActivityInput, parseInputMapping, parseOutputMapping, type SecretInput } from '../integrations/node-mappings';

export const CUSTOM_ACTIVITY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Runs an activity a developer registered on the worker (see packages/activities/README.md):
 * input fields are computed from expressions, output fields are saved in variables. The activity
 * validates its input and output with its own schemas; a failure leaves through `error`.
 */
export const customActivity = defineNodeKind({
  kind: 'custom_activity',
  label: 'Custom activity',
  description: 'Run an activity your developers added, with typed input and output.',
  category: 'integrations',
  ports: {
    input: true,
    outputs: [
      { id: 'success', label: 'Success' },
      { id: 'error', label: 'Error' },
    ],
  },
  config: z
    .strictObject({
      activity: z
        .string({ error: 'Must be text' })
        .trim()
        .regex(CUSTOM_ACTIVITY_NAME_PATTERN, { error: 'Must be an activity name, e.g. calculateShippingCost' })
        .meta({
          title: 'Activity',
          description: 'The name the activity is registered under on the worker.',
          widget: 'text',
          placeholder: 'calculateShippingCost',
        } satisfies FieldMeta),
      input: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('')
        .meta({
          title: 'Input',
          description: 'One per line: field = expression, e.g. weightKg = number(weight), or field = {{secrets.NAME}} for a workspace secret.',
          widget: 'activity-input',
          placeholder: 'weightKg = number(weight)\ncountry = upper(country)',
          secrets: true,
        } satisfies FieldMeta),
      output: z
        .string({ error: 'Must be text' })
        .max(4000, { error: 'Must be at most 4000 characters' })
        .default('')
        .meta({
          title: 'Save output',
          description: 'One per line: variable = output field, e.g. shipping_cost = cost.',
          widget: 'activity-output',
          placeholder: 'shipping_cost = cost',
        } satisfies FieldMeta),
      errorVariable: variableNameSchema.default('activity_error').meta({
        title: 'Save error as',
        description: 'Why the activity failed, on the error exit (empty on success).',
        widget: 'variable',
        variableType: 'string',
      } satisfies FieldMeta),
    })
    .superRefine((config, ctx) => {
      const input = parseCustomActivityInput(config.input);
      if (!input.ok) ctx.addIssue({ code: 'custom', path: ['input'], message: input.error });
      const output = parseOutputMapping(config.output);
      if (!output.ok) ctx.addIssue({ code: 'custom', path: ['output'], message: output.error });
    }),
  defaults: {
    activity: 'calculateShippingCost',
    input: 'weightKg = 1\ncountry = "DE"',
    output: 'shipping_cost = cost',
    errorVariable: 'activity_error',
  },
  storedVariables: (config) => {
    const output = parseOutputMapping(config.output);
    return output.ok ? output.mappings.map((m) => m.target) : [];
  },
});
