import { describe, expect, it } from 'vitest';
import { expressionCompletions, expressionDiagnostics, wordBefore } from './expression-language';

const variables = new Map([
  ['age', 'number' as const],
  ['answer', 'unknown' as const],
  ['last_message', 'string' as const],
]);

describe('expression editor language', () => {
  it('finds the word being typed', () => {
    expect(wordBefore('number(ag', 9)).toEqual({ from: 7, word: 'ag' });
    expect(wordBefore('age >= ', 7)).toEqual({ from: 7, word: '' });
  });

  it('completes variables with their types, then functions with their signatures', () => {
    const options = expressionCompletions('a', variables);
    expect(options.map((o) => [o.label, o.type, o.detail])).toEqual([
      ['age', 'variable', 'number'],
      ['answer', 'variable', 'any'],
    ]);
    const lower = expressionCompletions('LOW', variables);
    expect(lower).toEqual([expect.objectContaining({ label: 'lower', type: 'function', detail: 'lower(text)', apply: 'lower(' })]);
    expect(expressionCompletions('', variables).length).toBeGreaterThan(3);
  });

  it('reports unknown variables, type errors and syntax errors with ranges', () => {
    expect(expressionDiagnostics('agee >= 18', variables, 'boolean')).toEqual([
      { from: 0, to: 4, message: expect.stringMatching(/Unknown variable agee/) },
    ]);
    const unknownLater = expressionDiagnostics('age > 1 && vip', variables, 'boolean');
    expect(unknownLater).toEqual([{ from: 11, to: 14, message: expect.stringMatching(/Unknown variable vip/) }]);
    expect(expressionDiagnostics('age + 1', variables, 'boolean')[0]?.message).toMatch(/must give/);
    expect(expressionDiagnostics('age >=', variables, 'boolean')).toHaveLength(1);
    expect(expressionDiagnostics('age >= 18', variables, 'boolean')).toEqual([]);
    expect(expressionDiagnostics('   ', variables, 'boolean')).toEqual([]);
  });
});
