import { VARIABLE_NAME_PATTERN } from '../variables';

/** One `target = source` line of a mapping field (outputs of a custom activity or a subflow, HTTP response mapping). */
export interface Mapping {
  target: string;
  source: string;
  /** 1-based line in the field, for messages. */
  line: number;
}

export type MappingsResult = { ok: true; mappings: Mapping[] } | { ok: false; error: string };

/**
 * Reads `target = source` lines; blank lines and `#` comments are skipped, and an empty field is
 * an empty mapping (a node may map nothing). `target` is always a variable name; `checkSource`
 * says what is wrong with a source, or null when it is fine. A target may appear only once:
 * two lines writing the same variable are almost always a copy-paste slip.
 */
export function parseMappings(text: string, example: string, checkSource: (source: string) => string | null): MappingsResult {
  const mappings: Mapping[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([^=\s]+)\s*=(?!=)\s*(.+)$/.exec(line);
    if (!match) return { ok: false, error: `Line ${i + 1}: write ${example}` };
    const [, target, source] = match as unknown as [string, string, string];
    if (!VARIABLE_NAME_PATTERN.test(target)) return { ok: false, error: `Line ${i + 1}: "${target}" is not a valid variable name` };
    if (mappings.some((mapping) => mapping.target === target)) return { ok: false, error: `Line ${i + 1}: "${target}" is already set above` };
    const problem = checkSource(source.trim());
    if (problem) return { ok: false, error: `Line ${i + 1}: ${problem}` };
    mappings.push({ target, source: source.trim(), line: i + 1 });
  }
  return { ok: true, mappings };
}

/** A source that must be a plain name (a field of an activity's output, a variable of a subflow). */
export const plainName = (what: string) => (source: string) =>
  VARIABLE_NAME_PATTERN.test(source) ? null : `"${source}" is not a valid ${what} name`;
