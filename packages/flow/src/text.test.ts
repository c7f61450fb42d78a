import { describe, expect, it } from 'vitest';
import { storableText, textProblem } from './text';
import { textSchema } from './text-schema';

const rule = { label: 'message text', max: 10 };

describe('the text rule', () => {
  it('accepts ordinary text in any script, emoji and line breaks', () => {
    for (const text of ['hello', 'שלום עולם', 'مرحبا', '👩‍👩‍👧 ok', 'a\tb\r\nc', 'é', '漢字']) {
      expect(textProblem(text, { ...rule, max: 100 })).toBeNull();
    }
  });

  it('refuses lone surrogates, high or low, but not a pair', () => {
    expect(textProblem('a\ud800b', rule)?.code).toBe('lone_surrogate');
    expect(textProblem('a\udc00', rule)?.code).toBe('lone_surrogate');
    expect(textProblem('\ud800', rule)?.code).toBe('lone_surrogate');
    expect(textProblem('\udc00\ud800', rule)?.code).toBe('lone_surrogate');
    expect(textProblem('\ud83d\ude00', rule)).toBeNull();
  });

  it('refuses NUL, other C0 controls and DEL', () => {
    for (const text of ['a\u0000b', '\u0007', 'x\u001b[31m', 'del\u007f', 'ff\u000c']) {
      expect(textProblem(text, rule)?.code).toBe('control_character');
    }
  });

  it('refuses text that only looks empty, unless empty is allowed', () => {
    for (const text of ['', '\u200b\u200b', '\u200e\u200f', '\ufeff', '\u2060', '\u3164', '\u00a0\u2028']) {
      expect(textProblem(text, rule)?.code).toBe('empty');
      expect(textProblem(text, { ...rule, allowEmpty: true })).toBeNull();
    }
    expect(textProblem('\u200bx', rule)).toBeNull();
  });

  it('refuses text over the limit and says the limit', () => {
    expect(textProblem('x'.repeat(11), rule)).toEqual({ code: 'too_long', message: 'message text is longer than 10 characters' });
  });

  it('the schema trims first and names the reason', () => {
    const schema = textSchema(rule);
    expect(schema.parse('  hi  ')).toBe('hi');
    expect(schema.safeParse(` ${'x'.repeat(10)} `).success).toBe(true);
    const refused = schema.safeParse('\u200b');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ message: 'message text is empty', params: { reason: 'empty' } });
    expect(schema.safeParse(42).error?.issues[0]?.message).toBe('message text must be text');
  });

  it('storableText replaces what the rule refuses, and only that', () => {
    expect(storableText('a\ud800b\u0000c')).toBe('a\ufffdb c');
    expect(storableText('\ud83d\ude00 ok\n')).toBe('\ud83d\ude00 ok\n');
    expect(textProblem(storableText('\udfff\u0001x'), rule)).toBeNull();
  });
});
