/**
 * Parley's expression language: conditions and computed values over conversation variables.
 * Parsed by jsep, converted to Parley's own tree through an allow-list, evaluated here. No eval,
 * no Function, no property access, no prototype walk, nothing non-deterministic. See README.md
 * ("Expressions").
 */
export {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  MAX_STRING_LENGTH,
  type ExpressionNode,
  type ExpressionValue,
  type ExpressionValueType,
  type ParsedExpression,
  type VariableType,
} from './ast';
export { type ExpressionSyntaxError, type ParseExpressionResult } from './parse';
export { parseExpression, withParseMemo } from './parse-memo';
export {
  evaluateExpression,
  tryEvaluateExpression,
  ExpressionError,
  type ExpressionErrorCode,
  type EvaluateExpressionResult,
} from './evaluate';
export {
  checkExpression,
  expressionVariables,
  type CheckExpressionOptions,
  type ExpressionIssue,
  type ExpressionIssueCode,
} from './check';
export { EXPRESSION_FUNCTIONS, type ExpressionFunctionName } from './functions';
