/**
 * Workspace secrets in flows: an admin stores a credential once under a name, and a flow refers
 * to it as `{{secrets.NAME}}` in the fields whose kind marks them `secrets: true` (the HTTP
 * request node's URL, headers and body). The reference is the only thing that travels through
 * the flow, the workflow and its history: the value is filled in by the activity that sends the
 * request, right before it is sent.
 *
 * Between the two, a reference is carried as a marker with a NUL byte on each side, naming the
 * secret and how its value must be escaped where it stands. Variable values never contain NUL
 * (buildHttpRequest removes it from them), so a customer who types `{{secrets.API_KEY}}` or a
 * marker into an answer cannot make the activity put a secret where the flow's author did not.
 */

/** What a secret may be called: upper case, digits and underscores, like an environment variable. */
export const SECRET_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

/** `{{ secrets.NAME }}` as written in a flow; the name is checked apart, so a bad one is reported. */
const SECRET_REFERENCE = /\{\{\s*secrets\.([^\s{}]*)\s*\}\}/g;

/** How a secret's value is made safe in the spot it is put. */
export type SecretEscape = 'url' | 'header' | 'json' | 'text';

const SECRET_ESCAPES: readonly SecretEscape[] = ['url', 'header', 'json', 'text'];

// NUL is the point: it is the one character no variable value may hold (see withoutMarkers).
// eslint-disable-next-line no-control-regex
const MARKER = /\u0000secret:([A-Z][A-Z0-9_]{0,63}):(url|header|json|text)\u0000/g;

/** The names a text refers to with `{{secrets.NAME}}`, valid or not, in order of first appearance. */
export function secretReferences(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(SECRET_REFERENCE)) names.add(match[1] ?? '');
  return [...names];
}

/** Turns each valid `{{secrets.NAME}}` of a template into its marker (invalid ones stay as written). */
export function markSecretReferences(template: string, escape: SecretEscape): string {
  return template.replace(SECRET_REFERENCE, (reference, name: string) =>
    SECRET_NAME_PATTERN.test(name) ? `\u0000secret:${name}:${escape}\u0000` : reference,
  );
}

/** Removes NUL from a variable's value, so no value can carry (or complete) a marker. */
export function withoutMarkers(text: string): string {
  // eslint-disable-next-line no-control-regex -- NUL is what markers are made of.
  return text.replace(/\u0000/g, '');
}

/** The secret names the markers in `text` ask for. */
export function markedSecretNames(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(MARKER)) names.add(match[1]!);
  return [...names];
}

/**
 * Puts each secret's value in place of its marker, escaped as the marker says. A marker whose
 * secret is missing becomes empty, like a missing variable; `missing` collects the names.
 */
export function fillSecretMarkers(text: string, values: ReadonlyMap<string, string>, missing?: Set<string>): string {
  return text.replace(MARKER, (_marker, name: string, escape: string) => {
    const value = values.get(name);
    if (value === undefined) {
      missing?.add(name);
      return '';
    }
    return escapeSecret(value, SECRET_ESCAPES.includes(escape as SecretEscape) ? (escape as SecretEscape) : 'text');
  });
}

/** Shows a marked text to people (a note, an error message): `{{secrets.NAME}}` again. */
export function unmarkSecrets(text: string): string {
  return text.replace(MARKER, (_marker, name: string) => `{{secrets.${name}}}`);
}

function escapeSecret(value: string, escape: SecretEscape): string {
  switch (escape) {
    case 'url':
      return encodeURIComponent(value);
    case 'header':
      return value.replace(/[\r\n]+/g, ' ');
    case 'json':
      return JSON.stringify(value).slice(1, -1);
    case 'text':
      return value;
  }
}
