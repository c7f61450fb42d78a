import { checkExpression, EXPRESSION_FUNCTIONS, type ExpressionIssue, type VariableType } from '@parley/flow';

/**
 * What the expression editor offers and reports, kept free of CodeMirror so it can be tested:
 * completions for the word being typed (the flow's variables with their types, the expression
 * functions with their signatures) and the checker's issues with a range to underline.
 */

export interface ExpressionCompletion {
  label: string;
  type: 'variable' | 'function';
  /** Shown next to the label: a variable's type, a function's signature. */
  detail: string;
  info?: string;
  /** What is inserted: `name(` for functions so the arguments come next. */
  apply: string;
}

/** The identifier being typed at `position`, and where it starts. */
export function wordBefore(source: string, position: number): { from: number; word: string } {
  const match = /[A-Za-z_][A-Za-z0-9_]*$/.exec(source.slice(0, position));
  return match ? { from: position - match[0].length, word: match[0] } : { from: position, word: '' };
}

/** Variables first (what people reach for), then functions; both filtered by prefix, case-insensitively. */
export function expressionCompletions(prefix: string, variables: ReadonlyMap<string, VariableType>): ExpressionCompletion[] {
  const wanted = prefix.toLowerCase();
  const variableOptions = [...variables]
    .filter(([name]) => name.toLowerCase().startsWith(wanted))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, type]): ExpressionCompletion => ({ label: name, type: 'variable', detail: type === 'unknown' ? 'any' : type, apply: name }));
  const functionOptions = EXPRESSION_FUNCTIONS.filter((fn) => fn.name.toLowerCase().startsWith(wanted)).map(
    (fn): ExpressionCompletion => ({ label: fn.name, type: 'function', detail: fn.signature, info: fn.description, apply: `${fn.name}(` }),
  );
  return [...variableOptions, ...functionOptions];
}

export interface ExpressionDiagnostic {
  from: number;
  to: number;
  message: string;
}

/**
 * The checker's issues for `source` as ranges: an unknown variable's name, the word at the
 * issue's offset, or the whole source for an issue of the whole expression (offset 0 or none).
 */
export function expressionDiagnostics(
  source: string,
  variables: ReadonlyMap<string, VariableType>,
  expect?: 'boolean' | 'string' | 'number',
): ExpressionDiagnostic[] {
  if (!source.trim()) return [];
  const issues: ExpressionIssue[] = checkExpression(source, Object.fromEntries(variables), expect ? { expect } : {});
  return issues.map((issue) => {
    const from = Math.min(issue.offset ?? 0, source.length);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(from));
    const wholeExpression = issue.code !== 'unknown_variable' && !issue.offset;
    const to = wholeExpression ? source.length : from + Math.max(word?.[0].length ?? 1, 1);
    return { from, to: Math.min(Math.max(to, from + 1), Math.max(source.length, from + 1)), message: issue.message };
  });
}
