import jsep from 'jsep';
import { VARIABLE_NAME_PATTERN } from '../variables';
import {
  MAX_EXPRESSION_DEPTH,
  MAX_EXPRESSION_LENGTH,
  type ArithmeticOperator,
  type ComparisonOperator,
  type ExpressionNode,
  type ParsedExpression,
} from './ast';
import { expressionFunctions } from './functions';

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

// ---------------------------------------------------------------------------------------------
// jsep, with start/end offsets on its nodes

/** A jsep node with the offsets the subclass below adds. */
interface RawNode extends jsep.Expression {
  start?: number;
  end?: number;
}

/** The instance side of jsep's parser class (`jsep.Jsep`), which its typings do not declare. */
interface JsepParser {
  index: number;
  readonly expr: string;
  gobbleSpaces(): void;
  gobbleToken(): RawNode | false | undefined;
  parse(): RawNode;
}

const JsepClass = (jsep as unknown as { Jsep: new (source: string) => JsepParser }).Jsep;

const isSpace = (code: number): boolean => code === 32 || code === 9 || code === 10 || code === 13;

/**
 * Records where each token starts and ends. jsep's nodes carry no positions, and error messages
 * that point at the right place matter to people editing conditions in the builder. Subclassing
 * keeps this local: jsep's shared hooks are left alone.
 */
class PositionedParser extends JsepClass {
  override gobbleToken(): RawNode | false | undefined {
    this.gobbleSpaces();
    const start = this.index;
    const node = super.gobbleToken();
    if (node) {
      let end = this.index;
      while (end > start && isSpace(this.expr.charCodeAt(end - 1))) end--;
      // A parenthesised group returns its inner node, which already has its own positions.
      node.start ??= start;
      node.end ??= end;
    }
    return node;
  }
}

interface JsepError {
  index: number;
  description: string;
}

function isJsepError(error: unknown): error is JsepError {
  return (
    error instanceof Error &&
    typeof (error as Partial<JsepError>).index === 'number' &&
    typeof (error as Partial<JsepError>).description === 'string'
  );
}

// ---------------------------------------------------------------------------------------------
// Conversion to Parley's tree (the allow-list)

/** Thrown inside this module only; `parseExpression` turns it into its result. */
class ParseProblem {
  constructor(
    readonly message: string,
    readonly offset: number | undefined,
  ) {}
}

const ARITHMETIC: ReadonlySet<string> = new Set<ArithmeticOperator>(['+', '-', '*', '/', '%']);
const COMPARISON: ReadonlySet<string> = new Set<ComparisonOperator>(['==', '!=', '<', '<=', '>', '>=']);

/** Helpful messages for operators people may try. */
const OPERATOR_HINTS: ReadonlyMap<string, string> = new Map([
  ['===', 'Use == to compare (values are never converted, so == is already strict)'],
  ['!==', 'Use != to compare (values are never converted, so != is already strict)'],
  ['**', 'The power operator ** is not supported'],
  ['??', 'The operator ?? is not supported: use isEmpty(x) ? fallback : x'],
  ['|', 'Bitwise operators are not supported: use || for "or"'],
  ['&', 'Bitwise operators are not supported: use && for "and"'],
]);

const LOGIC_WORDS: ReadonlyMap<string, string> = new Map([
  ['and', '&&'],
  ['or', '||'],
  ['not', '!'],
]);

function field<T>(node: RawNode, key: string): T {
  return node[key] as T;
}

/** Leftmost position of a node (binary and conditional nodes get none from the subclass). */
function startOf(node: RawNode): number | undefined {
  if (node.start !== undefined) return node.start;
  if (node.type === 'BinaryExpression') return startOf(field<RawNode>(node, 'left'));
  if (node.type === 'ConditionalExpression') return startOf(field<RawNode>(node, 'test'));
  if (node.type === 'Compound') return startOf(field<RawNode[]>(node, 'body')[0] ?? node);
  return undefined;
}

function endOf(node: RawNode): number | undefined {
  if (node.end !== undefined) return node.end;
  if (node.type === 'BinaryExpression') return endOf(field<RawNode>(node, 'right'));
  if (node.type === 'ConditionalExpression') return endOf(field<RawNode>(node, 'alternate'));
  return undefined;
}

/** The operator after `left`: skips the whitespace and closing parentheses between them. */
function operatorOffset(source: string, left: RawNode): number | undefined {
  let index = endOf(left);
  if (index === undefined) return startOf(left);
  while (index < source.length && (isSpace(source.charCodeAt(index)) || source[index] === ')')) index++;
  return index;
}

function convert(node: RawNode, source: string, depth: number): ExpressionNode {
  const offset = startOf(node) ?? 0;
  if (depth > MAX_EXPRESSION_DEPTH) {
    throw new ParseProblem(`The expression is nested too deeply (at most ${MAX_EXPRESSION_DEPTH} levels)`, offset);
  }

  switch (node.type) {
    case 'Literal': {
      const value = field<unknown>(node, 'value');
      if (typeof value === 'number') {
        if (!Number.isFinite(value)) throw new ParseProblem('This number is too large', offset);
        return { type: 'literal', value, offset };
      }
      if (typeof value === 'string' || typeof value === 'boolean' || value === null) {
        return { type: 'literal', value, offset };
      }
      throw new ParseProblem('This kind of value is not supported', offset);
    }

    case 'Identifier': {
      const name = field<string>(node, 'name');
      const logic = LOGIC_WORDS.get(name);
      if (logic !== undefined) throw new ParseProblem(`Use ${logic} instead of "${name}"`, offset);
      if (!VARIABLE_NAME_PATTERN.test(name)) {
        throw new ParseProblem(
          `"${name}" is not a variable name: use letters a-z, digits and _ (at most 64 characters), starting with a letter or _`,
          offset,
        );
      }
      return { type: 'variable', name, offset };
    }

    case 'UnaryExpression': {
      const operator = field<string>(node, 'operator');
      const argument = field<RawNode>(node, 'argument');
      if (operator === '-') {
        const operand = convert(argument, source, depth + 1);
        // `-5` is a negative number literal, so the checker and messages see a number.
        if (operand.type === 'literal' && typeof operand.value === 'number') {
          return { type: 'literal', value: operand.value === 0 ? 0 : -operand.value, offset };
        }
        return { type: 'unary', operator, operand, offset };
      }
      if (operator === '!') return { type: 'unary', operator, operand: convert(argument, source, depth + 1), offset };
      if (operator === '+') throw new ParseProblem('Unary + is not supported: use number(x) to read a number from text', offset);
      throw new ParseProblem(`The operator ${operator} is not supported`, offset);
    }

    case 'BinaryExpression': {
      const operator = field<string>(node, 'operator');
      const left = field<RawNode>(node, 'left');
      const right = field<RawNode>(node, 'right');
      const at = operatorOffset(source, left) ?? offset;
      if (operator === '&&' || operator === '||') {
        return { type: 'logical', operator, left: convert(left, source, depth + 1), right: convert(right, source, depth + 1), offset: at };
      }
      if (ARITHMETIC.has(operator) || COMPARISON.has(operator)) {
        return {
          type: 'binary',
          operator: operator as ArithmeticOperator | ComparisonOperator,
          left: convert(left, source, depth + 1),
          right: convert(right, source, depth + 1),
          offset: at,
        };
      }
      throw new ParseProblem(OPERATOR_HINTS.get(operator) ?? `The operator ${operator} is not supported`, at);
    }

    case 'ConditionalExpression': {
      const test = field<RawNode>(node, 'test');
      return {
        type: 'conditional',
        test: convert(test, source, depth + 1),
        consequent: convert(field<RawNode>(node, 'consequent'), source, depth + 1),
        alternate: convert(field<RawNode>(node, 'alternate'), source, depth + 1),
        offset: operatorOffset(source, test) ?? offset,
      };
    }

    case 'CallExpression': {
      const callee = field<RawNode>(node, 'callee');
      const args = field<RawNode[]>(node, 'arguments');
      if (callee.type !== 'Identifier') {
        throw new ParseProblem(
          callee.type === 'MemberExpression'
            ? 'Method calls such as a.b() are not supported: call a function, such as lower(a)'
            : 'Only functions can be called, by name: lower(name)',
          offset,
        );
      }
      const name = field<string>(callee, 'name');
      const fn = expressionFunctions.get(name);
      if (fn === undefined) {
        const names = [...expressionFunctions.keys()].join(', ');
        throw new ParseProblem(`Unknown function ${name}(): the functions are ${names}`, offset);
      }
      if (args.length !== fn.params.length) {
        const count = fn.params.length === 1 ? '1 argument' : `${fn.params.length} arguments`;
        throw new ParseProblem(`${name}() takes ${count}: ${fn.signature}`, offset);
      }
      return { type: 'call', name, args: args.map((arg) => convert(arg, source, depth + 1)), offset };
    }

    case 'MemberExpression':
      throw new ParseProblem('Property access such as a.b or a[0] is not supported: use variable names only', offset);

    case 'ThisExpression':
      throw new ParseProblem('"this" is not supported: use variable names only', offset);

    case 'ArrayExpression':
      throw new ParseProblem('Lists [...] are not supported', offset);

    case 'SequenceExpression':
      throw new ParseProblem('Commas are only allowed between function arguments', offset);

    case 'Compound': {
      const body = field<RawNode[]>(node, 'body');
      const first = body[0];
      if (first === undefined) throw new ParseProblem('The expression is empty', 0);
      for (const part of body) {
        if (part.type === 'Identifier') {
          const logic = LOGIC_WORDS.get(field<string>(part, 'name'));
          if (logic !== undefined) {
            throw new ParseProblem(`Use ${logic} instead of "${field<string>(part, 'name')}"`, startOf(part));
          }
        }
      }
      const second = body[1];
      throw new ParseProblem(
        'Expected an operator here: the expression must be a single value',
        second === undefined ? endOf(first) : startOf(second),
      );
    }

    default:
      throw new ParseProblem(`This syntax is not supported (${node.type})`, offset);
  }
}

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
