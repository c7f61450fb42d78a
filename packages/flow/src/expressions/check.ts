import {
  describeType,
  type ExpressionNode,
  type ExpressionValueType,
  type ParsedExpression,
  type VariableType,
} from './ast';
import { expressionFunctions } from './functions';
import { parseExpression } from './parse-memo';

export type ExpressionIssueCode =
  /** The source does not parse (including unknown functions, wrong argument counts, limits). */
  | 'syntax'
  /** A variable that no node of the flow stores. */
  | 'unknown_variable'
  /** A type error that will happen whenever this part is evaluated, or `==` that is always false. */
  | 'type'
  /** Division (or %) by the literal 0. */
  | 'division_by_zero';

export interface ExpressionIssue {
  code: ExpressionIssueCode;
  message: string;
  /** UTF-16 index into the source. */
  offset?: number;
  /** For `unknown_variable`: the name. */
  variable?: string;
}

export interface CheckExpressionOptions {
  /** The type the result must have, e.g. 'boolean' for a condition. Unknown results pass. */
  expect?: ExpressionValueType;
}

/** A static type; `unknown` when it depends on a permissive variable or an earlier error. */
type StaticType = ExpressionValueType | 'unknown';

interface Context {
  readonly known: Readonly<Record<string, VariableType>>;
  readonly issues: ExpressionIssue[];
  readonly reported: Set<string>;
}

/** The variable names an expression reads: unique, in order of first appearance. */
export function expressionVariables(expr: ParsedExpression): string[] {
  const names = new Set<string>();
  const visit = (node: ExpressionNode): void => {
    switch (node.type) {
      case 'literal':
        return;
      case 'variable':
        names.add(node.name);
        return;
      case 'unary':
        visit(node.operand);
        return;
      case 'binary':
      case 'logical':
        visit(node.left);
        visit(node.right);
        return;
      case 'conditional':
        visit(node.test);
        visit(node.consequent);
        visit(node.alternate);
        return;
      case 'call':
        node.args.forEach(visit);
        return;
    }
  };
  visit(expr.root);
  return [...names];
}

const isKnown = (type: StaticType): type is ExpressionValueType => type !== 'unknown';

function typeIssue(ctx: Context, message: string, offset: number): void {
  ctx.issues.push({ code: 'type', message, offset });
}

/** Reports `what needs true/false` when the type is known and is not boolean. */
function needBoolean(ctx: Context, type: StaticType, what: string, offset: number): void {
  if (isKnown(type) && type !== 'boolean') typeIssue(ctx, `${what} needs true/false, got ${describeType(type)}`, offset);
}

function infer(node: ExpressionNode, ctx: Context): StaticType {
  switch (node.type) {
    case 'literal':
      return node.value === null ? 'null' : (typeof node.value as ExpressionValueType);

    case 'variable': {
      if (!Object.hasOwn(ctx.known, node.name)) {
        if (!ctx.reported.has(node.name)) {
          ctx.reported.add(node.name);
          ctx.issues.push({
            code: 'unknown_variable',
            message: `Unknown variable ${node.name}: no step of the flow stores it`,
            offset: node.offset,
            variable: node.name,
          });
        }
        return 'unknown';
      }
      const type = ctx.known[node.name];
      return type === 'string' || type === 'number' || type === 'boolean' ? type : 'unknown';
    }

    case 'unary': {
      const operand = infer(node.operand, ctx);
      if (node.operator === '!') {
        needBoolean(ctx, operand, '!', node.offset);
        return 'boolean';
      }
      if (isKnown(operand) && operand !== 'number') {
        typeIssue(ctx, `Cannot negate ${describeType(operand)}: - needs a number`, node.offset);
      }
      return 'number';
    }

    case 'logical': {
      needBoolean(ctx, infer(node.left, ctx), node.operator, node.offset);
      needBoolean(ctx, infer(node.right, ctx), node.operator, node.offset);
      return 'boolean';
    }

    case 'conditional': {
      needBoolean(ctx, infer(node.test, ctx), 'The condition before ?', node.offset);
      const consequent = infer(node.consequent, ctx);
      const alternate = infer(node.alternate, ctx);
      return consequent === alternate ? consequent : 'unknown';
    }

    case 'call': {
      const fn = expressionFunctions.get(node.name);
      if (fn === undefined) return 'unknown'; // parseExpression does not let this happen
      node.args.forEach((arg, i) => {
        const type = infer(arg, ctx);
        const allowed = fn.params[i] ?? [];
        if (isKnown(type) && !allowed.includes(type)) {
          const expected = allowed.filter((t) => t !== 'null').map(describeType).join(' or ');
          typeIssue(ctx, `${node.name}() needs ${expected}, got ${describeType(type)}: ${fn.signature}`, arg.offset);
        }
      });
      return fn.returns;
    }

    case 'binary': {
      const left = infer(node.left, ctx);
      const right = infer(node.right, ctx);
      const op = node.operator;
      switch (op) {
        case '==':
        case '!=': {
          if (isKnown(left) && isKnown(right) && left !== right && left !== 'null' && right !== 'null') {
            typeIssue(
              ctx,
              `${describeType(left)} is never equal to ${describeType(right)}, so ${op} is always ${op === '==' ? 'false' : 'true'}`,
              node.offset,
            );
          }
          return 'boolean';
        }
        case '<':
        case '<=':
        case '>':
        case '>=': {
          const bad = [left, right].find((t) => t === 'boolean' || t === 'null');
          if (bad !== undefined && isKnown(bad)) {
            typeIssue(ctx, `Cannot compare ${describeType(bad)} using ${op}: it needs numbers or text`, node.offset);
          } else if (isKnown(left) && isKnown(right) && left !== right) {
            typeIssue(
              ctx,
              `Cannot compare ${describeType(left)} with ${describeType(right)} using ${op} (number(x) reads a number from text)`,
              node.offset,
            );
          }
          return 'boolean';
        }
        case '+': {
          const bad = [left, right].find((t) => t === 'boolean' || t === 'null');
          if (bad !== undefined && isKnown(bad)) {
            typeIssue(ctx, `Cannot add ${describeType(bad)}: + adds two numbers or joins two texts`, node.offset);
            return 'unknown';
          }
          if (isKnown(left) && isKnown(right) && left !== right) {
            typeIssue(
              ctx,
              `Cannot add ${describeType(left)} and ${describeType(right)}: use number(x) to calculate or string(x) to join text`,
              node.offset,
            );
            return 'unknown';
          }
          return isKnown(left) ? left : right;
        }
        case '-':
        case '*':
        case '/':
        case '%': {
          for (const side of [left, right]) {
            if (isKnown(side) && side !== 'number') {
              typeIssue(ctx, `${op} needs numbers, got ${describeType(side)}`, node.offset);
              break;
            }
          }
          if ((op === '/' || op === '%') && node.right.type === 'literal' && node.right.value === 0) {
            ctx.issues.push({ code: 'division_by_zero', message: 'Division by zero', offset: node.offset });
          }
          return 'number';
        }
      }
    }
  }
}

/**
 * Checks an expression for the flow's validation: syntax, unknown variables (names not in
 * `knownVariables`, looked up as own properties) and type errors that can be seen without
 * running it. Variables typed `unknown` are permissive. Returns no issues when it is fine.
 */
export function checkExpression(
  source: string,
  knownVariables: Readonly<Record<string, VariableType>>,
  options: CheckExpressionOptions = {},
): ExpressionIssue[] {
  const parsed = parseExpression(source);
  if (!parsed.ok) {
    const { message, offset } = parsed.error;
    return [offset === undefined ? { code: 'syntax', message } : { code: 'syntax', message, offset }];
  }
  const ctx: Context = { known: knownVariables ?? {}, issues: [], reported: new Set() };
  const type = infer(parsed.expr.root, ctx);
  if (options.expect !== undefined && isKnown(type) && type !== options.expect) {
    ctx.issues.push({
      code: 'type',
      message: `This must give ${describeType(options.expect)}, but it gives ${describeType(type)}`,
      offset: 0,
    });
  }
  return ctx.issues;
}
