import { REPORT_METRICS, reportCsv, type ReportDefinition, type ReportRow } from "@parley/analytics";
import { relayFromUrl, sendEmail, type RenderedEmail } from "@parley/channels";

/** The deployment's outgoing mail (SMTP_URL, SMTP_FROM), the relay the API sends reset links through. */
export interface ReportMailConfig {
  smtpUrl: string;
  from: string;
}

export interface ReportEmail {
  report: { id: string; name: string; definition: ReportDefinition };
  range: { from: Date; to: Date };
  rows: ReportRow[];
  recipients: string[];
  /** The same on every retry of one delivery, so a mailbox that got it twice shows it once. */
  messageId: string;
}

/** Rows shown in the mail's body; the attachment has them all. */
const SUMMARY_ROWS = 10;

/**
 * A scheduled report by email: one mail to all recipients with the report as a CSV attachment
 * (the same columns as the Custom reports export) and a short plain and HTML summary (the range
 * and the first rows). Throws the relay's RelayError (permanent for a 5xx).
 */
export async function emailReport(config: ReportMailConfig, email: ReportEmail): Promise<void> {
  const { relay, password } = relayFromUrl(config.smtpUrl);
  const day = (date: Date) => date.toISOString().slice(0, 10);
  await sendEmail({
    relay,
    password,
    from: config.from,
    to: email.recipients.join(", "),
    subject: `${email.report.name}: ${day(email.range.from)} to ${day(email.range.to)}`,
    messageId: email.messageId,
    inReplyTo: null,
    references: [],
    body: summary(email),
    attachments: [{ filename: `${fileName(email.report.name)}-${day(email.range.to)}.csv`, content: reportCsv(email.report.definition, email.rows), contentType: "text/csv; charset=utf-8" }],
    autoSubmitted: "auto-generated",
  });
}

function summary({ report, range, rows }: ReportEmail): RenderedEmail {
  const metric = REPORT_METRICS[report.definition.metric];
  const shown = rows.slice(0, SUMMARY_ROWS).map((row) => [[row.period, row.name].filter(Boolean).join(" · ") || "All", formatValue(row.value, metric.format)] as const);
  const period = `${range.from.toISOString()} to ${range.to.toISOString()} (UTC)`;
  const more = rows.length > shown.length ? `…and ${rows.length - shown.length} more rows in the attached CSV.` : "Every row is in the attached CSV.";
  const empty = "Nothing to report in this period.";
  const text = [`${report.name}: ${metric.label}`, period, "", ...(shown.length ? shown.map(([label, value]) => `${label}: ${value}`) : [empty]), "", more, ""].join("\n");
  const cells = shown.map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td style="text-align:right">${escapeHtml(value)}</td></tr>`).join("");
  const html = [
    `<h2 style="font-family:sans-serif">${escapeHtml(report.name)}</h2>`,
    `<p style="font-family:sans-serif">${escapeHtml(metric.label)}, ${escapeHtml(period)}</p>`,
    shown.length ? `<table style="font-family:sans-serif;border-collapse:collapse" cellpadding="4">${cells}</table>` : `<p>${empty}</p>`,
    `<p style="font-family:sans-serif;color:#555">${escapeHtml(more)}</p>`,
  ].join("\n");
  return { text, html };
}

type Format = (typeof REPORT_METRICS)[keyof typeof REPORT_METRICS]["format"];

/** A value as the dashboards show it: a count, a duration, a percentage, points. */
export function formatValue(value: number | null, format: Format): string {
  if (value === null) return "—";
  switch (format) {
    case "percent":
      return `${(value * 100).toFixed(1)} %`;
    case "duration":
      return value < 60 ? `${Math.round(value)} s` : value < 3600 ? `${Math.floor(value / 60)} min ${Math.round(value % 60)} s` : `${(value / 3600).toFixed(1)} h`;
    case "points":
      return value.toFixed(1);
    default:
      return String(Math.round(value * 100) / 100);
  }
}

const fileName = (name: string) => name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase() || "report";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
