import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  checkExpression,
  evaluateExpression,
  parseExpression,
  tryEvaluateExpression,
  type ParsedExpression,
} from './index';

/**
 * Inputs an attacker (or a careless admin) might write. None may reach anything outside the
 * variables, and no call may throw anything but an ExpressionError.
 */

function parse(source: string): ParsedExpression {
  const result = parseExpression(source);
  if (!result.ok) throw new Error(`expected ${source} to parse, got: ${result.error.message}`);
  return result.expr;
}

const ESCAPES = [
  'a.constructor.constructor("return process")()',
  'constructor.constructor("return this")()',
  '"".constructor.constructor("return globalThis")()',
  'this.constructor',
  'this',
  '__proto__.polluted',
  '__proto__["polluted"]',
  'toString.call(1)',
  'a["constructor"]',
  'a[`constructor`]',
  'lower.constructor("return 1")()',
  'lower["call"](1)',
  'Function("return process")()',
  'eval("1")',
  'globalThis',
  'process.exit(1)',
  'require("fs")',
  'import("fs")',
  'new Function("x")',
  'a = 1',
  'a += 1',
  'a++',
  '(() => 1)()',
  'x => x',
  '`${process}`',
  '/x/.test(a)',
  '{}',
  '({}).constructor',
  '[].constructor',
  'a?.constructor',
  'a, process',
];

describe('hostile inputs', () => {
  it.each(ESCAPES)('refuses %s at parse time, without throwing', (source) => {
    let result: ReturnType<typeof parseExpression> | undefined;
    expect(() => {
      result = parseExpression(source);
    }).not.toThrow();
    // A bare `globalThis` parses as a variable name: it reads the variables, never the global.
    if (source === 'globalThis') {
      expect(result?.ok).toBe(true);
      expect(evaluateExpression(parse(source), {})).toBeNull();
      return;
    }
    expect(result?.ok).toBe(false);
    expect(checkExpression(source, { a: 'string' })[0]?.code).toBe('syntax');
  });

  it('reads constructor, __proto__, toString and prototype as variables, never as JS properties', () => {
    for (const name of ['constructor', '__proto__', 'prototype', 'toString', 'valueOf', 'hasOwnProperty']) {
      expect(evaluateExpression(parse(name), {})).toBeNull();
      expect(evaluateExpression(parse(`isEmpty(${name})`), { a: 1 })).toBe(true);
      expect(evaluateExpression(parse(`${name} == null`), Object.create({ [name]: 'inherited' }))).toBe(true);
    }
  });

  it('reads an own property named __proto__ or constructor like any variable', () => {
    const vars = JSON.parse('{"__proto__": "own", "constructor": 5}') as Record<string, unknown>;
    expect(evaluateExpression(parse('__proto__ + "!"'), vars)).toBe('own!');
    expect(evaluateExpression(parse('constructor + 1'), vars)).toBe(6);
  });

  it('does not call toString, valueOf or getters on variables', () => {
    let touched = 0;
    const sneaky = {
      toString: () => {
        touched++;
        return 'x';
      },
      valueOf: () => {
        touched++;
        return 1;
      },
    };
    const vars = {
      get trap() {
        touched++;
        return sneaky;
      },
      obj: sneaky,
    };
    for (const source of ['obj + 1', 'obj == 1', 'string(obj)', 'lower(obj)', 'obj']) {
      const result = tryEvaluateExpression(parse(source), vars);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('unsupported_value');
    }
    expect(touched).toBe(0);
  });

  it('does not pollute Object.prototype', () => {
    for (const source of ['__proto__ == 1', 'constructor + 1']) {
      tryEvaluateExpression(parse(source), {});
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('tolerates odd variables objects', () => {
    const nullProto = Object.create(null) as Record<string, unknown>;
    nullProto['a'] = 2;
    expect(evaluateExpression(parse('a * 2'), nullProto)).toBe(4);
    expect(evaluateExpression(parse('a == null'), null as unknown as Record<string, unknown>)).toBe(true);
    expect(evaluateExpression(parse('a == null'), 'a' as unknown as Record<string, unknown>)).toBe(true);
  });

  it('handles unicode in strings and rejects it in names', () => {
    expect(evaluateExpression(parse('upper(name) + " ✓"'), { name: 'zoë' })).toBe('ZOË ✓');
    expect(evaluateExpression(parse('len("😀😀") == 2'), {})).toBe(true);
    expect(evaluateExpression(parse('contains(name, "日本")'), { name: '日本語' })).toBe(true);
    expect(parseExpression('名前 == 1').ok).toBe(false);
    expect(parseExpression('a\u00a0== 1').ok).toBe(false); // no-break space is not whitespace here
    expect(parseExpression('a\u200b == 1').ok).toBe(false); // zero-width space
    expect(parseExpression('"\uD800" == a').ok).toBe(true); // a lone surrogate is just text
  });

  it('rejects very long and deeply nested input quickly', () => {
    for (const source of [
      'a'.repeat(1_000_000),
      '('.repeat(100_000),
      `${'!'.repeat(400)}a`,
      `${'-('.repeat(100)}a${')'.repeat(100)}`,
      `${'lower('.repeat(80)}a${')'.repeat(80)}`.slice(0, 500),
      `${'a ? '.repeat(120)}1`,
    ]) {
      const result = parseExpression(source);
      expect(result.ok).toBe(false);
      expect(checkExpression(source, {})[0]?.code).toBe('syntax');
    }
  });

  it('never throws anything but ExpressionError while evaluating generated expressions', () => {
    // A deterministic pseudo-random walk over the grammar, with hostile and ordinary values.
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const atoms = ['a', 'b', 's', 'n', 'missing', 'constructor', '0', '1', '-1', '2.5', '""', '"x"', 'true', 'false', 'null'];
    const fns = ['lower', 'upper', 'trim', 'len', 'number', 'round', 'isEmpty', 'string'];
    const ops = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '&&', '||'];
    const gen = (depth: number): string => {
      const pick = next(depth > 4 ? 1 : 6);
      if (pick === 0) return atoms[next(atoms.length)]!;
      if (pick === 1) return `${fns[next(fns.length)]}(${gen(depth + 1)})`;
      if (pick === 2) return `!${gen(depth + 1)}`;
      if (pick === 3) return `(${gen(depth + 1)} ? ${gen(depth + 1)} : ${gen(depth + 1)})`;
      if (pick === 4) return `contains(${gen(depth + 1)}, ${gen(depth + 1)})`;
      return `(${gen(depth + 1)} ${ops[next(ops.length)]} ${gen(depth + 1)})`;
    };
    const vars = { a: 3, b: 0, s: ' Hi ', n: null };
    let values = 0;
    let errors = 0;
    for (let i = 0; i < 2000; i++) {
      const source = gen(0);
      const parsed = parseExpression(source);
      if (!parsed.ok) continue;
      try {
        const value = evaluateExpression(parsed.expr, vars);
        expect(value === null || ['string', 'number', 'boolean'].includes(typeof value)).toBe(true);
        if (typeof value === 'number') expect(Number.isFinite(value)).toBe(true);
        values++;
      } catch (error) {
        expect(error).toBeInstanceOf(ExpressionError);
        errors++;
      }
      expect(() => checkExpression(source, { a: 'number', s: 'string' })).not.toThrow();
    }
    // The walk exercises both outcomes.
    expect(values).toBeGreaterThan(100);
    expect(errors).toBeGreaterThan(100);
  });
});
