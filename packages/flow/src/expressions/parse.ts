import { MAX_EXPRESSION_LENGTH, type ParsedExpression } from './ast';
import { convert, ParseProblem } from './allow-list';
import { isJsepError, PositionedParser, type RawNode } from './jsep-offsets';

/**
 * Parsing is done by jsep (a small, dependency-free JavaScript-expression parser that only
 * builds a tree and never evaluates). Its tree is then converted into Parley's own tree by an
 * allow-list: any node type, operator, literal or name outside the language is a parse error here,
 * so the evaluator never sees it. jsep's global configuration (operators, plugins) is never
 * changed by this module; if some other code in the bundle adds jsep plugins, their new node
 * types are rejected by the same allow-list.
 */

export interface ExpressionSyntaxError {
  message: string;
  /** UTF-16 index into the source where the problem is. */
  offset?: number;
}

export type ParseExpressionResult =
  | { ok: true; expr: ParsedExpression }
  | { ok: false; error: ExpressionSyntaxError };

/** jsep's message for a lone `=`, and the one for it here. */
function friendlier(description: string): string {
  if (description === 'Unexpected "="') return 'Use == to compare (= alone is not an operator)';
  return description;
}

/**
 * Parses an expression. Never throws: errors come back with a message and, where known, the
 * UTF-16 offset. Sources longer than MAX_EXPRESSION_LENGTH or nested deeper than
 * MAX_EXPRESSION_DEPTH are rejected.
 */
export function parseExpression(source: string): ParseExpressionResult {
  if (typeof source !== 'string') return { ok: false, error: { message: 'The expression must be text' } };
  if (source.length > MAX_EXPRESSION_LENGTH) {
    return {
      ok: false,
      error: { message: `The expression is too long (at most ${MAX_EXPRESSION_LENGTH} characters)`, offset: MAX_EXPRESSION_LENGTH },
    };
  }
  if (source.trim() === '') return { ok: false, error: { message: 'The expression is empty', offset: 0 } };

  let raw: RawNode;
  try {
    raw = new PositionedParser(source).parse();
  } catch (error) {
    if (isJsepError(error)) return { ok: false, error: { message: friendlier(error.description), offset: error.index } };
    // Anything else (a stack overflow would be one) is reported, never rethrown.
    return { ok: false, error: { message: 'The expression could not be read' } };
  }

  try {
    const root = convert(raw, source, 1);
    return { ok: true, expr: { source, root } as unknown as ParsedExpression };
  } catch (error) {
    if (error instanceof ParseProblem) {
      return {
        ok: false,
        error: error.offset === undefined ? { message: error.message } : { message: error.message, offset: error.offset },
      };
    }
    return { ok: false, error: { message: 'The expression could not be read' } };
  }
}
