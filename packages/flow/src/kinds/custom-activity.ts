import { z } from 'zod';
import { defineNodeKind, type FieldMeta } from '../node-kind';
import { parseAssignments } from './assignments';
import { parseMappings, plainName } from '../integrations/mappings';
import { variableNameSchema } from '../variables';

/** Activity names as registered on the worker (Temporal activity types): identifier-like. */
export const CUSTOM_ACTIVITY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * The input mapping: `field = expression` lines, the same syntax as set variable (the left side
 * names an input field instead of a variable). Unlike set variable it may be empty: an activity
 * without inputs needs none.
 */
export function parseInputMapping(text: string) {
  if (!text.split('\n').some((line) => line.trim() && !line.trim().startsWith('#'))) return { ok: true as const, assignments: [] };
  return parseAssignments(text);
}

/** A field given a workspace secret: `apiKey = {{secrets.CRM_TOKEN}}`. */
export interface SecretInput {
  field: string;
  /** The secret's name as written (validation reports a name no secret can have). */
  name: string;
  line: number;
}

const SECRET_INPUT_LINE = /^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*\{\{\s*secrets\.([^\s{}]*)\s*\}\}$/;

/**
 * The custom activity node's input: `field = expression` lines, and `field = {{secrets.NAME}}`
 * lines that hand the activity a workspace secret. The workflow passes only the reference; the
 * worker puts the value in right before the activity runs (integrations/secrets.ts), so it is
 * never in history. A secret is a whole field: it does not mix with expressions.
 */
export function parseCustomActivityInput(text: string) {
  const secrets: SecretInput[] = [];
  const lines = text.split('\n');
  const mixed = lines.findIndex((raw) => !SECRET_INPUT_LINE.test(raw.trim()) && /\{\{\s*secrets\./.test(raw));
  if (mixed >= 0) return { ok: false as const, error: `Line ${mixed + 1}: a secret is a whole field, on a line of its own: field = {{secrets.NAME}}` };
  const expressionLines = lines.map((raw, index) => {
    const match = SECRET_INPUT_LINE.exec(raw.trim());
    if (!match) return raw;
    secrets.push({ field: match[1]!, name: match[2]!, line: index + 1 });
    return ''; // blank, so expression lines keep their numbers in messages
  });
  const parsed = parseInputMapping(expressionLines.join('\n'));
  return parsed.ok ? { ...parsed, secrets } : parsed;
}

/** The output mapping: `variable = field` lines. */
export function parseOutputMapping(text: string) {
  return parseMappings(text, 'variable = field, e.g. shipping_cost = cost', plainName('output field'));
}

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
  icon: 'puzzle',
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
          widget: 'textarea',
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
          widget: 'textarea',
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
