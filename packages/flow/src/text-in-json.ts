import { z } from 'zod';
import { textProblem } from './text';

/**
 * The text rule over a whole JSON document a client wants stored as is (a flow graph), plus
 * bounds on its shape. Prisma serialises JSON columns through a parser with a recursion limit,
 * PostgreSQL refuses NUL in jsonb, and a lone surrogate anywhere fails the whole query: so what
 * the database would refuse — or what would make every later reader slow — is refused at the
 * edge, with the path to the offending value. Walks with an explicit stack: no recursion, so a
 * hostile nesting depth cannot overflow ours.
 */
export interface JsonLimits {
  /** Deepest nesting of arrays and objects (the document itself is depth 1). */
  maxDepth: number;
  /** Most values in the whole document (objects, arrays and leaves). */
  maxValues: number;
  /** Longest array, and most keys in one object. */
  maxItems: number;
  /** Longest string, keys included. */
  maxStringLength: number;
}

export interface JsonProblem {
  path: (string | number)[];
  message: string;
}

/** Keys that mean something to JavaScript objects: never data, and dangerous to merge. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export function jsonProblem(document: unknown, limits: JsonLimits): JsonProblem | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: document, path: [] }];
  let values = 0;
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (++values > limits.maxValues) return { path: [], message: `has more than ${limits.maxValues} values` };
    if (typeof value === 'string') {
      const problem = stringProblem(value, limits);
      if (problem) return { path, message: problem };
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path, message: 'is not a finite number' };
      continue;
    }
    if (value === null || typeof value === 'boolean') continue;
    if (typeof value !== 'object') return { path, message: `is a ${typeof value}, not JSON` };
    if (path.length + 1 > limits.maxDepth) return { path, message: `is nested deeper than ${limits.maxDepth} levels` };
    if (Array.isArray(value)) {
      if (value.length > limits.maxItems) return { path, message: `has more than ${limits.maxItems} items` };
      value.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    const keys = Object.keys(value);
    if (keys.length > limits.maxItems) return { path, message: `has more than ${limits.maxItems} keys` };
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return { path: [...path, key], message: `uses the reserved key "${key}"` };
      const problem = stringProblem(key, limits);
      if (problem) return { path: [...path, key], message: `key ${problem}` };
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return null;
}

function stringProblem(text: string, limits: JsonLimits): string | null {
  // Empty and blank strings are ordinary data here (an unset field); length has its own bound.
  const problem = textProblem(text, { label: 'text', max: limits.maxStringLength, allowEmpty: true });
  return problem ? problem.message.replace(/^text /, '') : null;
}

/** A zod schema for such a document: the first problem becomes the issue, at its path. */
export function storedJsonSchema(limits: JsonLimits) {
  return z.unknown().superRefine((value, ctx) => {
    const problem = jsonProblem(value, limits);
    if (problem) ctx.addIssue({ code: 'custom', message: problem.path.length ? `${problem.path.join('.')} ${problem.message}` : problem.message, path: problem.path });
  });
}
