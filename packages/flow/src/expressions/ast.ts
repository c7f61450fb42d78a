/**
 * Types shared by the expression parser, evaluator and checker. The tree is Parley's own (not the
 * parser library's): every node kind in it is one the evaluator knows, so nothing the library
 * could produce (member access, `this`, regex literals of a plugin, ...) ever reaches evaluation.
 */

/** What an expression computes. There are no lists, objects or functions as values. */
export type ExpressionValue = string | number | boolean | null;

/** The type of an {@link ExpressionValue}. */
export type ExpressionValueType = 'string' | 'number' | 'boolean' | 'null';

/**
 * What validation knows about a variable. `unknown` (free-text answers, values from outside the
 * flow) is permissive: the checker reports no type errors for it; the evaluator still checks.
 */
export type VariableType = 'string' | 'number' | 'boolean' | 'unknown';

/** Longest accepted source, in UTF-16 code units (JavaScript string length). */
export const MAX_EXPRESSION_LENGTH = 500;

/** Deepest accepted tree: operators and function calls nested in one another (parentheses are free). */
export const MAX_EXPRESSION_DEPTH = 64;

/** Longest string that `+` may build, in UTF-16 code units; a longer result is an ExpressionError. */
export const MAX_STRING_LENGTH = 10_000;

export type UnaryOperator = '!' | '-';
export type ArithmeticOperator = '+' | '-' | '*' | '/' | '%';
export type ComparisonOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type LogicalOperator = '&&' | '||';

/** Offsets are UTF-16 indexes into the source, as an editor (CodeMirror, Monaco) counts them. */
export type ExpressionNode =
  | { readonly type: 'literal'; readonly value: ExpressionValue; readonly offset: number }
  | { readonly type: 'variable'; readonly name: string; readonly offset: number }
  | {
      readonly type: 'unary';
      readonly operator: UnaryOperator;
      readonly operand: ExpressionNode;
      readonly offset: number;
    }
  | {
      readonly type: 'binary';
      readonly operator: ArithmeticOperator | ComparisonOperator;
      readonly left: ExpressionNode;
      readonly right: ExpressionNode;
      /** Where the operator is. */
      readonly offset: number;
    }
  | {
      readonly type: 'logical';
      readonly operator: LogicalOperator;
      readonly left: ExpressionNode;
      readonly right: ExpressionNode;
      readonly offset: number;
    }
  | {
      readonly type: 'conditional';
      readonly test: ExpressionNode;
      readonly consequent: ExpressionNode;
      readonly alternate: ExpressionNode;
      /** Where the `?` is. */
      readonly offset: number;
    }
  | {
      readonly type: 'call';
      readonly name: string;
      readonly args: readonly ExpressionNode[];
      readonly offset: number;
    };

declare const parsedExpressionBrand: unique symbol;

/**
 * A checked expression tree, made only by `parseExpression`. It is plain data (JSON-safe), but the
 * brand means TypeScript code cannot hand-build one; code that receives one from outside should
 * re-parse `source` instead.
 */
export interface ParsedExpression {
  readonly source: string;
  readonly root: ExpressionNode;
  readonly [parsedExpressionBrand]: true;
}

/** Describes a type for people who build flows: "text", "a number", ... */
export function describeType(type: ExpressionValueType): string {
  switch (type) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'null':
      return 'null (no value)';
  }
}

export function typeOfValue(value: ExpressionValue): ExpressionValueType {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    default:
      return 'boolean';
  }
}
