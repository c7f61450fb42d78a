import jsep from 'jsep';

/**
 * jsep with start/end offsets on its nodes (`PositionedParser`), and where a node of its tree
 * starts and ends (`startOf`, `endOf`, `operatorOffset`): what error messages point at.
 */

/** A jsep node with the offsets the subclass below adds. */
export interface RawNode extends jsep.Expression {
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
export class PositionedParser extends JsepClass {
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

export interface JsepError {
  index: number;
  description: string;
}

export function isJsepError(error: unknown): error is JsepError {
  return (
    error instanceof Error &&
    typeof (error as Partial<JsepError>).index === 'number' &&
    typeof (error as Partial<JsepError>).description === 'string'
  );
}

export function field<T>(node: RawNode, key: string): T {
  return node[key] as T;
}

/** Leftmost position of a node (binary and conditional nodes get none from the subclass). */
export function startOf(node: RawNode): number | undefined {
  if (node.start !== undefined) return node.start;
  if (node.type === 'BinaryExpression') return startOf(field<RawNode>(node, 'left'));
  if (node.type === 'ConditionalExpression') return startOf(field<RawNode>(node, 'test'));
  if (node.type === 'Compound') return startOf(field<RawNode[]>(node, 'body')[0] ?? node);
  return undefined;
}

export function endOf(node: RawNode): number | undefined {
  if (node.end !== undefined) return node.end;
  if (node.type === 'BinaryExpression') return endOf(field<RawNode>(node, 'right'));
  if (node.type === 'ConditionalExpression') return endOf(field<RawNode>(node, 'alternate'));
  return undefined;
}

/** The operator after `left`: skips the whitespace and closing parentheses between them. */
export function operatorOffset(source: string, left: RawNode): number | undefined {
  let index = endOf(left);
  if (index === undefined) return startOf(left);
  while (index < source.length && (isSpace(source.charCodeAt(index)) || source[index] === ')')) index++;
  return index;
}
