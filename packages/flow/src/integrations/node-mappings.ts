import { parseAssignments } from '../kinds/assignments';
import { parseResponsePath } from './http';
import { parseMappings, plainName } from './mappings';

/*
 * The mapping fields of the integration kinds (HTTP request, custom activity, subflow), read
 * the same way by validation and by the workflow steps. Apart from the kinds' schemas so
 * workflow code can import them without loading zod.
 */

/** Reads the response mapping field: `variable = path` lines, each path checked. */
export function parseResponseMapping(text: string) {
  return parseMappings(text, 'variable = path, e.g. order_status = body.order.status', (source) => {
    const parsed = parseResponsePath(source);
    return parsed.ok ? null : parsed.error;
  });
}

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

/** The subflow's inputs: `childVariable = expression` lines over the caller's variables. */
export const parseSubflowInputs = parseInputMapping;

/** The subflow's outputs: `parentVariable = childVariable` lines. */
export function parseSubflowOutputs(text: string) {
  return parseMappings(text, 'variable = subflow variable, e.g. order_status = status', plainName('subflow variable'));
}
