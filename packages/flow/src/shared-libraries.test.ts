import * as re2js from 're2js';
import * as jsepModule from 'jsep';
import { describe, expect, it } from 'vitest';

/**
 * Temporal's reusable V8 context deep-freezes the modules a worker shares between conversations
 * (`preloadModules`, here ./shared-libraries): each exported object is frozen with what it holds,
 * each exported function or class is frozen itself (not its prototype). A library that fills a
 * cache on an exported object or a static field on first use would throw inside a conversation.
 * This freezes re2js and jsep the same way, then loads the runtime modules that use them (as each
 * conversation does, after the freeze) and runs them through their lazy paths.
 */
function freezeLikeTemporal(value: unknown, seen = new WeakSet<object>()): void {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return;
  seen.add(value);
  if (Object.isFrozen(value)) return;
  if (typeof value === 'object') {
    for (const key of [...Object.getOwnPropertyNames(value), ...Object.getOwnPropertySymbols(value)]) {
      try {
        freezeLikeTemporal((value as Record<PropertyKey, unknown>)[key], seen);
      } catch {
        // Some objects cannot be frozen (typed arrays); Temporal skips them too.
      }
    }
  }
  Object.freeze(value);
}

describe('shared libraries (re2js, jsep) once frozen as Temporal freezes preloaded modules', () => {
  it('still compile and match patterns, and parse and evaluate expressions', async () => {
    for (const exported of [...Object.values(re2js), ...Object.values(jsepModule)]) freezeLikeTemporal(exported);
    expect(Object.isFrozen(re2js.RE2JS)).toBe(true);
    expect(Object.isFrozen(jsepModule.default)).toBe(true);

    const { compileSafePattern } = await import('./patterns');
    const { parseExpression, tryEvaluateExpression } = await import('./runtime');

    // Case folding and Unicode classes fill re2js's lazy tables on first use.
    const folded = compileSafePattern('^ORDER-\\d{4}$', { ignoreCase: true });
    expect(folded.ok && folded.regex.testExact('order-1234')).toBe(true);
    const greek = compileSafePattern('\\p{Greek}+');
    expect(greek.ok && greek.regex.test('say αβγ')).toBe(true);
    expect(compileSafePattern('(a)\\1')).toMatchObject({ ok: false });
    expect(compileSafePattern('(')).toMatchObject({ ok: false });

    const parsed = parseExpression('total > 10 && (tier == "gold" ? true : false)');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(tryEvaluateExpression(parsed.expr, { total: 12, tier: 'gold' })).toEqual({ ok: true, value: true });
    expect(parseExpression('total >').ok).toBe(false);
  });
});
