import { VARIABLE_NAME_PATTERN } from '../variables';
import { MAX_EXPRESSION_DEPTH, type ArithmeticOperator, type ComparisonOperator, type ExpressionNode } from './ast';
import { expressionFunctions } from './functions';
import { endOf, field, operatorOffset, startOf, type RawNode } from './jsep-offsets';

/**
 * The allow-list: converts jsep's tree into Parley's. Any node type, operator, literal or name
 * outside the language is a parse error here, so the evaluator never sees it; that includes the
 * node types of jsep plugins that other code in the bundle might add.
 */

/** Thrown by `convert` only; `parseExpression` turns it into its result. */
export class ParseProblem {
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

/**
 * Parley's node for a jsep node, or a `ParseProblem` saying why it is not in the language. `depth`
 * counts operators and calls; parentheses do not count (a group is its inner node).
 */
export function convert(node: RawNode, source: string, depth: number): ExpressionNode {
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
