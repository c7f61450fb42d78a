import type { ReportDefinition, ReportRow } from "./reports";

/** A CSV cell: quoted always; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : typeof value === "number" ? String(value) : JSON.stringify(value);
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** A header line and one line per row, each cell through csvCell. */
export function csvText(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows].map((cells) => cells.map(csvCell).join(",")).join("\n") + "\n";
}

/** A report's rows as CSV (raw values: seconds, shares of 1, points): the export and the emailed attachment. */
export function reportCsv(definition: ReportDefinition, rows: readonly ReportRow[]): string {
  const { groupBy, grain, metric } = definition;
  const header = [...(grain === "none" ? [] : [grain]), ...(groupBy === "none" ? [] : [groupBy, `${groupBy} id`]), metric];
  const cells = rows.map((row) => [...(grain === "none" ? [] : [row.period]), ...(groupBy === "none" ? [] : [row.name, row.key]), row.value]);
  return csvText(header, cells);
}
