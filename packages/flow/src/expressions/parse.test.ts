import { describe, expect, it } from 'vitest';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, parseExpression } from './index';

function parsed(source: string) {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`expected ${source} to parse, got: ${result.error.message}`);
  return result.expr;
}

function failure(source: string) {
  const result = parseExpression(source);
  if (result.ok) throw new Error(`expected ${source} not to parse`);
  return result.error;
}

describe('parseExpression: the language', () => {
  it.each([
    '1',
    '1.5',
    '.5',
    '2e3',
    "'single'",
    '"double"',
    'true',
    'false',
    'null',
    'age',
    '_private9',
    'a == b',
    'a != b',
    'a < b',
    'a <= b',
    'a > b',
    'a >= b',
    'a && b',
    'a || b',
    '!a',
    'a + b - c * d / e % f',
    '-a',
    '(a + b) * c',
    'a ? b : c',
    'lower(a)',
    'upper(a)',
    'trim(a)',
    'len(a)',
    'contains(a, "b")',
    'startsWith(a, "b")',
    'number(a)',
    'round(a)',
    'isEmpty(a)',
    'string(a)',
    '  a\t==\n"b"  ',
  ])('accepts %s', (source) => {
    expect(parseExpression(source).ok).toBe(true);
  });

  it('builds Parley’s tree with the usual precedence', () => {
    expect(parsed('1 + 2 * 3').root).toEqual({
      type: 'binary',
      operator: '+',
      offset: 2,
      left: { type: 'literal', value: 1, offset: 0 },
      right: {
        type: 'binary',
        operator: '*',
        offset: 6,
        left: { type: 'literal', value: 2, offset: 4 },
        right: { type: 'literal', value: 3, offset: 8 },
      },
    });
  });

  it('reads a minus before a number as a negative number', () => {
    expect(parsed('-5').root).toEqual({ type: 'literal', value: -5, offset: 0 });
    expect(parsed('-0').root).toEqual({ type: 'literal', value: 0, offset: 0 });
    expect(parsed('-a').root).toMatchObject({ type: 'unary', operator: '-' });
  });

  it('reads string escapes and keeps unicode as written', () => {
    expect(parsed(String.raw`"a\"b\n"`).root).toMatchObject({ value: 'a"b\n' });
    expect(parsed(String.raw`'it\'s'`).root).toMatchObject({ value: "it's" });
    expect(parsed('"héllo 👋 日本"').root).toMatchObject({ value: 'héllo 👋 日本' });
  });

  it('records the offset of the operator, also after a closing parenthesis', () => {
    expect(parsed('(a) + b').root).toMatchObject({ type: 'binary', offset: 4 });
    expect(parsed('x ? 1 : 2').root).toMatchObject({ type: 'conditional', offset: 2 });
    expect(parsed('a &&  b').root).toMatchObject({ type: 'logical', offset: 2 });
  });

  it('keeps the source', () => {
    expect(parsed(' a + 1 ').source).toBe(' a + 1 ');
  });
});

describe('parseExpression: errors', () => {
  it.each([
    ['', 'empty', 0],
    ['   ', 'empty', 0],
    ['1 +', 'Expected expression after +', 3],
    ['"abc', 'Unclosed quote', 4],
    ['(a + b', 'Unclosed (', 6],
    ['a b', 'Expected an operator', 2],
    ['a = 1', 'Use ==', 2],
    ['a and b', 'Use && instead of "and"', 2],
    ['a or b', 'Use || instead of "or"', 2],
    ['not a', 'Use ! instead of "not"', 0],
    ['a === b', 'Use ==', 2],
    ['a !== b', 'Use !=', 2],
    ['a ** 2', 'not supported', 2],
    ['a ?? b', 'not supported', 2],
    ['a | b', 'Bitwise', 2],
    ['a << 1', 'not supported', 2],
    ['~a', 'not supported', 0],
    ['+a', 'number(x)', 0],
    ['a.b', 'Property access', 0],
    ['a[0]', 'Property access', 0],
    ['a["b"]', 'Property access', 0],
    ['a?.b', 'Property access', 0],
    ['name.toUpperCase()', 'Method calls', 0],
    ['[1, 2]', 'Lists', 0],
    ['(a, b)', 'Commas', 0],
    ['a, b', 'Expected an operator', 3],
    ['a; b', 'Expected an operator', 3],
    ['this', '"this" is not supported', 0],
    ['1a', 'cannot start with a number', 1],
    ['1e400', 'too large', 0],
    ['$x', 'not a variable name', 0],
    ['naïve == 1', 'not a variable name', 0],
    [`${'a'.repeat(65)} == 1`, 'not a variable name', 0],
  ])('rejects %j (%s) at offset %i', (source, message, offset) => {
    const error = failure(source);
    expect(error.message).toContain(message);
    expect(error.offset).toBe(offset);
  });

  it('rejects unknown functions, naming the ones there are', () => {
    const error = failure('x == eval("1")');
    expect(error.message).toContain('Unknown function eval()');
    expect(error.message).toContain('lower, upper, trim, len, contains, startsWith, number, round, isEmpty');
    expect(error.offset).toBe(5);
    expect(failure('Math(1)').message).toContain('Unknown function Math()');
  });

  it('rejects calls with the wrong number of arguments', () => {
    expect(failure('lower()').message).toBe('lower() takes 1 argument: lower(text)');
    expect(failure('contains(a)').message).toBe('contains() takes 2 arguments: contains(text, part)');
    expect(failure('len(a, b)').message).toContain('len() takes 1 argument');
  });

  it('rejects calls of anything but a function name', () => {
    expect(failure('lower(a)(b)').message).toContain('Only functions can be called');
    expect(failure('"x"(1)').message).toContain('Only functions can be called');
  });

  it(`rejects sources longer than ${MAX_EXPRESSION_LENGTH} characters`, () => {
    const atLimit = `a == "${'x'.repeat(MAX_EXPRESSION_LENGTH - 7)}"`;
    expect(atLimit).toHaveLength(MAX_EXPRESSION_LENGTH);
    expect(parseExpression(atLimit).ok).toBe(true);
    const error = failure(`${atLimit} `);
    expect(error.message).toContain('too long');
    expect(error.offset).toBe(MAX_EXPRESSION_LENGTH);
    expect(failure('1 + '.repeat(100_000) + '1').message).toContain('too long');
  });

  it(`rejects trees deeper than ${MAX_EXPRESSION_DEPTH} levels`, () => {
    expect(parseExpression(`${'!'.repeat(MAX_EXPRESSION_DEPTH - 1)}a`).ok).toBe(true);
    expect(failure(`${'!'.repeat(MAX_EXPRESSION_DEPTH)}a`).message).toContain('nested too deeply');
    expect(failure(`${'-'.repeat(200)}a`).message).toContain('nested too deeply');
    expect(failure(`${'lower('.repeat(70)}a${')'.repeat(70)}`).message).toContain('nested too deeply');
  });

  it('allows redundant parentheses, which add no depth', () => {
    expect(parsed(`${'('.repeat(200)}a${')'.repeat(200)}`).root).toEqual({ type: 'variable', name: 'a', offset: 200 });
  });

  it('accepts a long chain of alternatives', () => {
    const source = Array.from({ length: 40 }, (_, i) => `a == ${i}`).join(' || ');
    expect(source.length).toBeLessThanOrEqual(MAX_EXPRESSION_LENGTH);
    expect(parseExpression(source).ok).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    const inputs: unknown[] = [undefined, null, 42, {}, [], '\u0000', '\uD800', '(((', ')))', '"', "'", '\\', '?', ':', 'a ? b', 'a ? : b'];
    for (const input of inputs) {
      expect(() => parseExpression(input as string)).not.toThrow();
      expect(parseExpression(input as string).ok).toBe(false);
    }
  });
});
