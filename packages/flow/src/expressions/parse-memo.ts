import { parseExpression as parseEachTime, type ParseExpressionResult } from './parse';

/**
 * One flow validation reads each expression more than once (the condition kind's schema parses
 * it, then the type check does), which made parsing a large share of validating a big flow. While
 * `withParseMemo` runs, each distinct source is parsed once; outside it (the workflow runtime, the
 * builder's editors) every call parses, so nothing is kept between validations.
 */
let memo: Map<string, ParseExpressionResult> | null = null;

export function withParseMemo<T>(task: () => T): T {
  // Nested (compileFlow validates inside a caller's validation): the outer memo serves both.
  if (memo) return task();
  memo = new Map();
  try {
    return task();
  } finally {
    memo = null;
  }
}

/** Parses an expression (see parse.ts); within `withParseMemo`, each distinct source once. */
export function parseExpression(source: string): ParseExpressionResult {
  if (!memo || typeof source !== 'string') return parseEachTime(source);
  let result = memo.get(source);
  if (!result) {
    result = parseEachTime(source);
    memo.set(source, result);
  }
  return result;
}
