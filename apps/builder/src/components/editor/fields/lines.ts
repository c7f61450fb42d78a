/**
 * The text formats of line-based config fields, as rows the builder's editors can show. The
 * flow keeps storing the text (`Name: value` headers, `variable = path` mappings, one trigger per
 * line), so these only have to read what is stored and write it back the same way: a round
 * trip of text the user has not touched gives the text back, apart from blank lines.
 */

export type Separator = ':' | '=';

export interface KeyValueRow {
  key: string;
  value: string;
  /** A line without the separator (a comment, a half-typed line): kept as written. */
  raw?: string;
}

/** Splits `text` into rows at the first `separator` of each non-blank line. */
export function parseKeyValueLines(text: string, separator: Separator): KeyValueRow[] {
  return splitLines(text).map((line) => {
    const at = line.indexOf(separator);
    if (at < 0 || line.trimStart().startsWith('#')) return { key: '', value: '', raw: line };
    return { key: line.slice(0, at).trim(), value: line.slice(at + 1).trim() };
  });
}

/** Writes rows back as lines: `Name: value` or `name = value`; rows with neither key nor value are dropped. */
export function serializeKeyValueLines(rows: readonly KeyValueRow[], separator: Separator): string {
  return rows
    .filter((row) => row.raw !== undefined || row.key.trim() || row.value.trim())
    .map((row) => (row.raw !== undefined ? row.raw : separator === ':' ? `${row.key.trim()}: ${row.value.trim()}` : `${row.key.trim()} = ${row.value.trim()}`))
    .join('\n');
}

/** One entry per non-blank line. */
export function parseListLines(text: string): string[] {
  return splitLines(text).map((line) => line.trim());
}

export function serializeListLines(items: readonly string[]): string {
  return items.filter((item) => item.trim()).map((item) => item.trim()).join('\n');
}

/** Moves the entry at `from` one place up (-1) or down (+1); out-of-range moves change nothing. */
export function moveItem<T>(items: readonly T[], from: number, by: -1 | 1): T[] {
  const to = from + by;
  if (from < 0 || from >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}
