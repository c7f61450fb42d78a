/**
 * Regular expressions written by flow authors (start-node pattern triggers, ask-node answer
 * patterns) run on RE2 (`re2js`, a pure-JS port): matching takes time linear in the input, so a
 * pattern such as `(a+)+$` cannot hang the API or a workflow task the way a backtracking engine
 * does. RE2 has no backreferences and no lookaround; such patterns are refused with a reason.
 * Pure and deterministic: the conversation workflow runs it.
 */
import { RE2JS } from 're2js';

/** A compiled pattern: `test` finds it anywhere, `testExact` needs the whole text to match. */
export type SafePattern = Pick<RE2JS, 'test' | 'testExact'>;

export type CompiledPattern = { ok: true; regex: SafePattern } | { ok: false; error: string };

/** Compiled patterns by flags and source: the API and workflows test the same few patterns again and again. */
const cache = new Map<string, CompiledPattern>();
const CACHE_LIMIT = 500;

/**
 * Compiles a pattern written in JavaScript style (`\u00e9`, `(?<name>…)` are translated) for
 * RE2, or says in words why it cannot be used.
 */
export function compileSafePattern(source: string, options: { ignoreCase?: boolean } = {}): CompiledPattern {
  const key = `${options.ignoreCase ? 'i' : '-'}${source}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const compiled = compile(source, options.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}

function compile(source: string, flags: number): CompiledPattern {
  try {
    return { ok: true, regex: RE2JS.compile(RE2JS.translateRegExp(source), flags) };
  } catch (err) {
    const unsupported = unsupportedFeature(source);
    if (unsupported) return { ok: false, error: `${unsupported} are not supported: patterns use RE2 syntax, which keeps matching fast` };
    const reason = err instanceof Error ? err.message.replace(/^error parsing regexp: /, '').replace('`(?i)', '`') : String(err);
    return { ok: false, error: `Not a valid regular expression: ${reason}` };
  }
}

/** The JavaScript features RE2 leaves out, named so an author knows what to change. */
function unsupportedFeature(source: string): string | null {
  // `\\1` is a backslash then 1, not a backreference: drop escaped backslashes first.
  const unescaped = source.replace(/\\\\/g, '');
  if (/\\[1-9]|\\k<[^>]*>/.test(unescaped)) return 'Backreferences (\\1, \\k<name>)';
  if (/\(\?(?:=|!|<=|<!)/.test(unescaped.replace(/\\./g, ''))) return 'Lookahead and lookbehind ((?=…), (?!…), (?<=…), (?<!…))';
  return null;
}
