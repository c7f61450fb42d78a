/**
 * What an agent types in the inbox's search box, turned into a query both engines accept
 * whatever the input: plain words (all must match; the last one as a prefix while it is being
 * typed) and "quoted phrases". Only letters and digits reach the engine (each word is split on
 * everything else, as both tokenizers do), so FTS5 and tsquery operators typed by the user
 * (`"`, `*`, `NEAR(`, `OR`, `:`, `&`, `!`) are plain text and can never be a syntax error.
 */
export interface SearchTerm {
  /** Lower-cased tokens that must follow each other (one for a word, more for a phrase). */
  tokens: string[];
  /** The last word of the input while it is typed: matches words starting with it. */
  prefix: boolean;
}

/** Longer inputs are cut: a search box is not a document. */
const MAX_TERMS = 16;
const TOKEN = /[\p{L}\p{N}]+/gu;

export function parseSearch(input: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  // A quote left open is a phrase up to the end of the input.
  const parts = input.normalize("NFC").match(/"[^"]*"?|[^\s"]+/g) ?? [];
  parts.forEach((part, index) => {
    const phrase = part.startsWith('"');
    const tokens = (part.toLowerCase().match(TOKEN) ?? []).slice(0, MAX_TERMS);
    if (tokens.length === 0) return;
    const last = index === parts.length - 1 && !/\s$/.test(input);
    terms.push({ tokens, prefix: last && !phrase });
  });
  return terms.slice(0, MAX_TERMS);
}

/** SQLite FTS5: `"a b"` is a phrase, `"a"*` a prefix query; terms side by side must all match. */
export function toFts5(terms: SearchTerm[]): string {
  return terms.map((term) => `"${term.tokens.join(" ")}"${term.prefix ? "*" : ""}`).join(" ");
}

/** PostgreSQL to_tsquery('simple', …): `'a' <-> 'b'` is a phrase, `'a':*` a prefix, `&` is and. */
export function toTsquery(terms: SearchTerm[]): string {
  return terms
    .map((term) => {
      const lexemes = term.tokens.map((token, index) => `'${token}'${term.prefix && index === term.tokens.length - 1 ? ":*" : ""}`);
      return lexemes.length > 1 ? `(${lexemes.join(" <-> ")})` : lexemes[0];
    })
    .join(" & ");
}
