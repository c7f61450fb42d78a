/**
 * `{{ name }}` templates for message and question text. Substitution is a plain lookup of own
 * properties — no expressions, no eval, no prototype walk — so it is deterministic (safe in
 * Temporal workflow code) and `{{constructor}}` or `{{__proto__}}` cannot reach into JS objects.
 */

// Same name rule as VARIABLE_NAME_PATTERN, unanchored. Anything else between braces
// (`{{ a.b }}`, `{{ 1x }}`) is not a placeholder and is left as written.
const PLACEHOLDER = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]{0,63})\s*\}\}/g;

/**
 * Replaces each `{{ name }}` with `String(vars[name])`. A variable that is missing (or null /
 * undefined) renders as an empty string, so a flow never shows "undefined" to a customer.
 */
export function renderTemplate(text: string, vars: Readonly<Record<string, unknown>>): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.hasOwn(vars, name)) return '';
    const value = vars[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

/** The variable names a template references: unique, in order of first appearance. */
export function templateVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(PLACEHOLDER)) {
    if (match[1] !== undefined) names.add(match[1]);
  }
  return [...names];
}
