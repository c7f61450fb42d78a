/** Helpers shared by the evaluator's tests (src/expressions/evaluate*.test.ts). */
import { expect } from 'vitest';
import {
  ExpressionError,
  evaluateExpression,
  parseExpression,
  tryEvaluateExpression,
  type ExpressionErrorCode,
  type ParsedExpression,
} from '../src/expressions/index';


export function parse(source: string): ParsedExpression {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`expected ${source} to parse, got: ${result.error.message}`);
  return result.expr;
}

export function run(source: string, variables: Record<string, unknown> = {}) {
  return evaluateExpression(parse(source), variables);
}

export function fails(source: string, variables: Record<string, unknown> = {}): ExpressionError {
  const result = tryEvaluateExpression(parse(source), variables);
  if (result.ok) throw new Error(`expected ${source} to fail, got ${JSON.stringify(result.value)}`);
  expect(result.error).toBeInstanceOf(ExpressionError);
  return result.error;
}

export function failsWith(source: string, code: ExpressionErrorCode, variables: Record<string, unknown> = {}): ExpressionError {
  const error = fails(source, variables);
  expect(error.code).toBe(code);
  return error;
}
