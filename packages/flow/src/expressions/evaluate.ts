import {
  MAX_STRING_LENGTH,
  describeType,
  typeOfValue,
  type ExpressionNode,
  type ExpressionValue,
  type ParsedExpression,
} from './ast';
import { expressionFunctions, normalizeNumber } from './functions';

export type ExpressionErrorCode =
  /** An operator or function got a value of the wrong type (`"a" - 1`, `age > "x"`, `!name`). */
  | 'type_mismatch'
  /** `/` or `%` by zero. */
  | 'division_by_zero'
  /** A calculation overflowed to Infinity. */
  | 'not_finite'
  /** `+` would build text longer than MAX_STRING_LENGTH. */
  | 'too_long'
  /** A variable holds something expressions cannot use: a list, an object, NaN, Infinity, ... */
  | 'unsupported_value'
  /** The tree was not made by parseExpression (or cannot be evaluated for another reason). */
  | 'invalid_expression';

/**
 * The only error `evaluateExpression` throws. It is deterministic (the same expression and
 * variables give the same error), so workflow code may turn it into a branch or a failure.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';
  readonly code: ExpressionErrorCode;
  /** UTF-16 index into the source of the operator or call that failed. */
  readonly offset: number | undefined;

  constructor(code: ExpressionErrorCode, message: string, offset?: number) {
    super(message);
    this.code = code;
    this.offset = offset;
  }
}

export type EvaluateExpressionResult = { ok: true; value: ExpressionValue } | { ok: false; error: ExpressionError };

type Variables = Readonly<Record<string, unknown>>;

/**
 * A variable's value. Missing (not an own property), `undefined` and `null` all read as null, so
 * a variable that was not set on this path is testable with isEmpty(x) or x == null.
 */
function readVariable(variables: Variables, name: string, offset: number): ExpressionValue {
  if (!Object.hasOwn(variables, name)) return null;
  const value = variables[name];
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new ExpressionError('unsupported_value', `The variable ${name} is not a finite number`, offset);
    }
    return normalizeNumber(value);
  }
  const what = Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  throw new ExpressionError(
    'unsupported_value',
    `The variable ${name} holds ${what}, which expressions cannot use`,
    offset,
  );
}

function mismatch(message: string, offset: number): ExpressionError {
  return new ExpressionError('type_mismatch', message, offset);
}

function expectBoolean(value: ExpressionValue, what: string, offset: number): boolean {
  if (typeof value === 'boolean') return value;
  throw mismatch(`${what} needs true/false, got ${describeType(typeOfValue(value))}`, offset);
}

function finite(n: number, offset: number): number {
  if (!Number.isFinite(n)) throw new ExpressionError('not_finite', 'The result is too large', offset);
  return normalizeNumber(n);
}

const OPERATOR_VERBS: Readonly<Record<string, string>> = {
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '%': 'take the remainder of',
};

function evaluateNode(node: ExpressionNode, variables: Variables): ExpressionValue {
  switch (node.type) {
    case 'literal': {
      const value: unknown = node.value;
      if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      // Only a hand-made (not parsed) tree gets here.
      throw new ExpressionError('invalid_expression', 'Unsupported literal', node.offset);
    }

    case 'variable':
      return readVariable(variables, node.name, node.offset);

    case 'unary': {
      const value = evaluateNode(node.operand, variables);
      if (node.operator === '!') return !expectBoolean(value, '!', node.offset);
      if (typeof value !== 'number') {
        throw mismatch(`Cannot negate ${describeType(typeOfValue(value))}: - needs a number`, node.offset);
      }
      return normalizeNumber(-value);
    }

    case 'logical': {
      // Short-circuit: the right side is not evaluated (and cannot fail) when the left decides.
      const left = expectBoolean(evaluateNode(node.left, variables), node.operator, node.offset);
      if (node.operator === '&&' ? !left : left) return left;
      return expectBoolean(evaluateNode(node.right, variables), node.operator, node.offset);
    }

    case 'conditional': {
      const test = expectBoolean(evaluateNode(node.test, variables), 'The condition before ?', node.offset);
      return evaluateNode(test ? node.consequent : node.alternate, variables);
    }

    case 'call': {
      const fn = expressionFunctions.get(node.name);
      if (fn === undefined || fn.params.length !== node.args.length) {
        throw new ExpressionError('invalid_expression', `Unknown function ${node.name}()`, node.offset);
      }
      const args = node.args.map((arg) => evaluateNode(arg, variables));
      args.forEach((arg, i) => {
        const allowed = fn.params[i] ?? [];
        const type = typeOfValue(arg);
        if (!allowed.includes(type)) {
          const expected = allowed.filter((t) => t !== 'null').map(describeType).join(' or ');
          throw mismatch(`${node.name}() needs ${expected}, got ${describeType(type)}: ${fn.signature}`, node.offset);
        }
      });
      return fn.apply(args);
    }

    case 'binary': {
      const left = evaluateNode(node.left, variables);
      const right = evaluateNode(node.right, variables);
      const op = node.operator;
      switch (op) {
        case '==':
          return left === right;
        case '!=':
          return left !== right;
        case '<':
        case '<=':
        case '>':
        case '>=': {
          if (!((typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string'))) {
            throw mismatch(
              `Cannot compare ${describeType(typeOfValue(left))} with ${describeType(typeOfValue(right))} using ${op}: both sides must be numbers or both text (number(x) reads a number from text)`,
              node.offset,
            );
          }
          // Numbers by value; text by UTF-16 code units (no locale collation).
          if (op === '<') return left < right;
          if (op === '<=') return left <= right;
          if (op === '>') return left > right;
          return left >= right;
        }
        case '+': {
          if (typeof left === 'number' && typeof right === 'number') return finite(left + right, node.offset);
          if (typeof left === 'string' && typeof right === 'string') {
            if (left.length + right.length > MAX_STRING_LENGTH) {
              throw new ExpressionError('too_long', `The text would be longer than ${MAX_STRING_LENGTH} characters`, node.offset);
            }
            return left + right;
          }
          throw mismatch(
            `Cannot add ${describeType(typeOfValue(left))} and ${describeType(typeOfValue(right))}: + adds two numbers or joins two texts (use number(x) or string(x))`,
            node.offset,
          );
        }
        case '-':
        case '*':
        case '/':
        case '%': {
          if (typeof left !== 'number' || typeof right !== 'number') {
            throw mismatch(
              `Cannot ${OPERATOR_VERBS[op]} ${describeType(typeOfValue(left))} and ${describeType(typeOfValue(right))}: ${op} needs two numbers`,
              node.offset,
            );
          }
          if ((op === '/' || op === '%') && right === 0) {
            throw new ExpressionError('division_by_zero', 'Division by zero', node.offset);
          }
          const result = op === '-' ? left - right : op === '*' ? left * right : op === '/' ? left / right : left % right;
          return finite(result, node.offset);
        }
        default:
          // Only a hand-made (not parsed) tree gets here.
          throw new ExpressionError('invalid_expression', `Unknown operator ${String(op)}`);
      }
    }

    default:
      throw new ExpressionError('invalid_expression', 'Unknown expression node');
  }
}

/**
 * Evaluates a parsed expression against the conversation's variables (looked up as own
 * properties only). Returns a string, number, boolean or null — never undefined — or throws an
 * {@link ExpressionError}; it never throws anything else.
 */
export function evaluateExpression(expr: ParsedExpression, variables: Readonly<Record<string, unknown>>): ExpressionValue {
  const vars: Variables = typeof variables === 'object' && variables !== null ? variables : {};
  try {
    const root = (expr as Partial<ParsedExpression> | null | undefined)?.root;
    if (root === undefined || root === null) throw new ExpressionError('invalid_expression', 'Not a parsed expression', 0);
    return evaluateNode(root, vars);
  } catch (error) {
    if (error instanceof ExpressionError) throw error;
    throw new ExpressionError('invalid_expression', 'The expression could not be evaluated', 0);
  }
}

/** Like {@link evaluateExpression}, but returns the error instead of throwing it. */
export function tryEvaluateExpression(
  expr: ParsedExpression,
  variables: Readonly<Record<string, unknown>>,
): EvaluateExpressionResult {
  try {
    return { ok: true, value: evaluateExpression(expr, variables) };
  } catch (error) {
    return { ok: false, error: error as ExpressionError };
  }
}
