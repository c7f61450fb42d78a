import { describe, expect, it } from 'vitest';
import { checkExpression, expressionVariables, parseExpression, type VariableType } from './index';

const known: Record<string, VariableType> = {
  name: 'string',
  age: 'number',
  vip: 'boolean',
  answer: 'unknown',
};

function variablesOf(source: string): string[] {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(result.error.message);
  return expressionVariables(result.expr);
}

describe('expressionVariables', () => {
  it('lists the variables read, once each, in order of first appearance', () => {
    expect(variablesOf('b + a > 1 && lower(c) == a || isEmpty(b)')).toEqual(['b', 'a', 'c']);
  });

  it('does not list function names, literals or text inside strings', () => {
    expect(variablesOf('lower("name") == "age" && len(x) > 0')).toEqual(['x']);
    expect(variablesOf('1 + 2')).toEqual([]);
    expect(variablesOf('null == true')).toEqual([]);
  });

  it('finds variables inside every kind of node', () => {
    expect(variablesOf('!a ? -b : contains(c, d)')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lists names such as constructor like any other (they are looked up as own properties)', () => {
    expect(variablesOf('constructor == __proto__')).toEqual(['constructor', '__proto__']);
  });
});

describe('checkExpression', () => {
  it('reports nothing for a good expression', () => {
    expect(checkExpression('age >= 18 && vip || lower(name) == "ada"', known)).toEqual([]);
    expect(checkExpression('"Dear " + name', known, { expect: 'string' })).toEqual([]);
  });

  it('reports syntax errors, with the offset', () => {
    expect(checkExpression('age >', known)).toEqual([
      { code: 'syntax', message: 'Expected expression after >', offset: 5 },
    ]);
    expect(checkExpression('foo(age)', known)).toEqual([
      expect.objectContaining({ code: 'syntax', message: expect.stringContaining('Unknown function foo()') }),
    ]);
    expect(checkExpression('a'.repeat(501), known)[0]).toMatchObject({ code: 'syntax', message: expect.stringContaining('too long') });
  });

  it('reports each unknown variable once, at its first use', () => {
    expect(checkExpression('score > 3 && score < 9 || nps == 1', known)).toEqual([
      { code: 'unknown_variable', message: 'Unknown variable score: no step of the flow stores it', offset: 0, variable: 'score' },
      { code: 'unknown_variable', message: 'Unknown variable nps: no step of the flow stores it', offset: 26, variable: 'nps' },
    ]);
  });

  it('does not take inherited properties for variables', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(checkExpression(`${name} == 1`, known)).toEqual([expect.objectContaining({ code: 'unknown_variable', variable: name })]);
    }
    expect(checkExpression('constructor == 1', { constructor: 'number' } as Record<string, VariableType>)).toEqual([]);
  });

  it.each([
    ['age > "x"', 'Cannot compare a number with text using >', 4],
    ['name < 3', 'Cannot compare text with a number using <', 5],
    ['vip > 1', 'Cannot compare true/false using >', 4],
    ['name - 1', '- needs numbers, got text', 5],
    ['age * vip', '* needs numbers, got true/false', 4],
    ['name + 1', 'Cannot add text and a number', 5],
    ['age + vip', 'Cannot add true/false', 4],
    ['null + 1', 'Cannot add null (no value)', 5],
    ['!name', '! needs true/false, got text', 0],
    ['-name', 'Cannot negate text', 0],
    ['age && vip', '&& needs true/false, got a number', 4],
    ['vip || name', '|| needs true/false, got text', 4],
    ['name ? 1 : 2', 'The condition before ? needs true/false, got text', 5],
    ['lower(age)', 'lower() needs text, got a number: lower(text)', 6],
    ['contains(name, 1)', 'contains() needs text, got a number', 15],
    ['round(name)', 'round() needs a number, got text', 6],
    ['number(vip)', 'number() needs text or a number, got true/false', 7],
    ['age == "18"', 'a number is never equal to text, so == is always false', 4],
    ['vip != "yes"', 'true/false is never equal to text, so != is always true', 4],
    ['len(name) > "3"', 'Cannot compare a number with text', 10],
    ['upper(name) - 1', '- needs numbers, got text', 12],
    ['(age > 1) + 1', 'Cannot add true/false', 10],
  ])('reports the type error in %s', (source, message, offset) => {
    const issues = checkExpression(source, known);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'type', offset });
    expect(issues[0]?.message).toContain(message);
  });

  it('reports division by a literal zero', () => {
    expect(checkExpression('age / 0', known)).toEqual([{ code: 'division_by_zero', message: 'Division by zero', offset: 4 }]);
    expect(checkExpression('age % -0', known)).toHaveLength(1);
    expect(checkExpression('age / (age - age)', known)).toEqual([]);
  });

  it('is permissive for variables of unknown type', () => {
    for (const source of ['answer > 3', 'answer - 1', 'answer + 1', 'answer + "x"', 'answer && vip', '!answer', 'lower(answer)', 'round(answer)', 'answer == 1']) {
      expect(checkExpression(source, known)).toEqual([]);
    }
  });

  it('allows comparing anything with null', () => {
    expect(checkExpression('name == null || age != null || vip == null', known)).toEqual([]);
  });

  it('infers through functions, operators and ? :', () => {
    expect(checkExpression('len(name) + 1 > age', known)).toEqual([]);
    expect(checkExpression('number(answer) > 18', known)).toEqual([]);
    expect(checkExpression('(vip ? age : 0) * 2', known)).toEqual([]);
    expect(checkExpression('(vip ? name : "x") - 1', known)).toHaveLength(1);
    // Branches of different types give an unknown type: no cascade of issues.
    expect(checkExpression('(vip ? name : 1) - 1', known)).toEqual([]);
  });

  it('does not cascade one error into many', () => {
    expect(checkExpression('(name + 1) + 2 > 3', known)).toHaveLength(1);
    expect(checkExpression('missing + 1 > 3', known)).toHaveLength(1);
  });

  it('checks the result type when asked to', () => {
    expect(checkExpression('age + 1', known, { expect: 'boolean' })).toEqual([
      { code: 'type', message: 'This must give true/false, but it gives a number', offset: 0 },
    ]);
    expect(checkExpression('age > 1', known, { expect: 'boolean' })).toEqual([]);
    expect(checkExpression('vip', known, { expect: 'boolean' })).toEqual([]);
    expect(checkExpression('answer', known, { expect: 'boolean' })).toEqual([]);
    expect(checkExpression('"x" + name', known, { expect: 'number' })).toHaveLength(1);
  });

  it('reports several independent problems together', () => {
    const issues = checkExpression('foo > 1 && name - 1 > 0 && vip + 1 > 0', known);
    expect(issues.map((issue) => issue.code)).toEqual(['unknown_variable', 'type', 'type']);
  });
});
