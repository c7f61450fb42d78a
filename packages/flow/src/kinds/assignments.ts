import { parseExpression } from '../expressions';
import type { ParsedExpression } from '../expressions';
import { VARIABLE_NAME_PATTERN } from '../variables';

export interface Assignment {
  variable: string;
  source: string;
  expression: ParsedExpression;
  /** 1-based line in the field, for messages. */
  line: number;
}

export type AssignmentsResult = { ok: true; assignments: Assignment[] } | { ok: false; error: string };

/**
 * Reads `name = expression` lines (blank lines and lines starting with # are skipped), e.g.
 *   full_name = first_name + " " + last_name
 *   is_vip = number(orders) > 10
 */
export function parseAssignments(text: string): AssignmentsResult {
  const assignments: Assignment[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*(.+)$/.exec(line);
    if (!match) return { ok: false, error: `Line ${i + 1}: write name = expression, e.g. total = number(price) * 2` };
    const [, variable, source] = match as unknown as [string, string, string];
    if (!VARIABLE_NAME_PATTERN.test(variable)) return { ok: false, error: `Line ${i + 1}: "${variable}" is not a valid variable name` };
    const parsed = parseExpression(source);
    if (!parsed.ok) return { ok: false, error: `Line ${i + 1}: ${parsed.error.message}` };
    assignments.push({ variable, source, expression: parsed.expr, line: i + 1 });
  }
  if (assignments.length === 0) return { ok: false, error: 'Add at least one line: name = expression' };
  return { ok: true, assignments };
}
