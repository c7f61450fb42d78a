import type { ExpressionValue, ExpressionValueType } from './ast';

/**
 * The allow-list of functions. Calls are resolved through a `Map` built from this table, never by
 * indexing an object with a name from the expression, so `constructor(...)` or `toString(...)`
 * are simply unknown functions.
 *
 * Determinism: only `toLowerCase`/`toUpperCase`/`trim` (Unicode default mappings, no locale), no
 * Date, no Math.random, no Intl. Text parameters accept `null` as '' (an unset variable), the way
 * templates render it.
 */
export interface ExpressionFunction {
  /** For people: `contains(text, part)`. */
  readonly signature: string;
  readonly description: string;
  /** Accepted types, one list per parameter. Every parameter is required. */
  readonly params: readonly (readonly ExpressionValueType[])[];
  /** What the function returns (`number` may also give null, see its description). */
  readonly returns: ExpressionValueType;
  /** Called with arguments whose types were checked against `params`. */
  readonly apply: (args: readonly ExpressionValue[]) => ExpressionValue;
}

const TEXT: readonly ExpressionValueType[] = ['string', 'null'];
const ANY: readonly ExpressionValueType[] = ['string', 'number', 'boolean', 'null'];

/** Plain decimal notation only: no hex, no `_`, no `,` decimals, no Infinity/NaN. */
const NUMBER_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** -0 and 0 behave alike in Parley; only +0 is ever produced, so results compare and print alike. */
export function normalizeNumber(n: number): number {
  return n === 0 ? 0 : n;
}

function text(value: ExpressionValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

function num(value: ExpressionValue | undefined): number {
  return typeof value === 'number' ? value : 0;
}

const definitions = {
  lower: {
    signature: 'lower(text)',
    description: 'The text in lower case (the same in every locale).',
    params: [TEXT],
    returns: 'string',
    apply: ([s]) => text(s).toLowerCase(),
  },
  upper: {
    signature: 'upper(text)',
    description: 'The text in upper case (the same in every locale).',
    params: [TEXT],
    returns: 'string',
    apply: ([s]) => text(s).toUpperCase(),
  },
  trim: {
    signature: 'trim(text)',
    description: 'The text without leading and trailing whitespace.',
    params: [TEXT],
    returns: 'string',
    apply: ([s]) => text(s).trim(),
  },
  len: {
    signature: 'len(text)',
    description: 'The number of characters (Unicode code points: an emoji counts as 1).',
    params: [TEXT],
    returns: 'number',
    apply: ([s]) => Array.from(text(s)).length,
  },
  contains: {
    signature: 'contains(text, part)',
    description: 'Whether the text contains the part (case-sensitive: combine with lower()).',
    params: [TEXT, TEXT],
    returns: 'boolean',
    apply: ([s, part]) => text(s).includes(text(part)),
  },
  startsWith: {
    signature: 'startsWith(text, prefix)',
    description: 'Whether the text starts with the prefix (case-sensitive).',
    params: [TEXT, TEXT],
    returns: 'boolean',
    apply: ([s, prefix]) => text(s).startsWith(text(prefix)),
  },
  number: {
    signature: 'number(text)',
    description:
      'The number written in the text ("42", " -3.5 ", "1e3"), or null when it is not one ("", "4,5", "ten"). A number stays as it is.',
    params: [['string', 'number', 'null']],
    returns: 'number',
    apply: ([value]) => {
      if (typeof value === 'number') return value;
      if (typeof value !== 'string') return null;
      const trimmed = value.trim();
      if (!NUMBER_TEXT.test(trimmed)) return null;
      const n = Number(trimmed);
      return Number.isFinite(n) ? normalizeNumber(n) : null;
    },
  },
  round: {
    signature: 'round(number)',
    description: 'The nearest whole number; halves round away from zero (2.5 → 3, -2.5 → -3).',
    params: [['number']],
    returns: 'number',
    apply: ([value]) => {
      const n = num(value);
      return normalizeNumber(Math.sign(n) * Math.round(Math.abs(n)));
    },
  },
  isEmpty: {
    signature: 'isEmpty(value)',
    description: 'True for null (an unset variable) and for text that is empty or only whitespace.',
    params: [ANY],
    returns: 'boolean',
    apply: ([value]) => value === null || value === undefined || (typeof value === 'string' && value.trim() === ''),
  },
  string: {
    signature: 'string(value)',
    description: 'The value as text: 42 → "42", true → "true", null → "". Use it to join numbers into text with +.',
    params: [ANY],
    returns: 'string',
    apply: ([value]) => (value === null || value === undefined ? '' : String(value)),
  },
} as const satisfies Record<string, ExpressionFunction>;

export type ExpressionFunctionName = keyof typeof definitions;

/** The allowed functions, for lookups by a name taken from an expression. */
export const expressionFunctions: ReadonlyMap<string, ExpressionFunction> = new Map(Object.entries(definitions));

/** Name, signature and description of every function, e.g. for the builder's autocomplete. */
export const EXPRESSION_FUNCTIONS: readonly {
  readonly name: ExpressionFunctionName;
  readonly signature: string;
  readonly description: string;
}[] = (Object.keys(definitions) as ExpressionFunctionName[]).map((name) => ({
  name,
  signature: definitions[name].signature,
  description: definitions[name].description,
}));
