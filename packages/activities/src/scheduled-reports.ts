import { EventScope, REPORT_METRICS, runReport, savedReportSchema } from "@parley/analytics";
import { asJson, WEBHOOK_REPORT_EVENT_TYPE, webhookEventPublicId, type Db } from "@parley/db";
import { RelayError } from "@parley/channels";
import type { WebhookPayload } from "./webhooks/payloads";
import { emailReport, type ReportMailConfig } from "./report-email";

export interface ScheduledReportDeps {
  db: Db;
  /** Outgoing mail (SMTP_URL, SMTP_FROM); unset, a report scheduled to email is skipped with that reason. */
  reportMail?: ReportMailConfig;
}

export interface ScheduledReportInput {
  reportId: string;
  /** When the schedule fired (ISO 8601, the workflow's clock): the report covers the days before it. */
  scheduledAt: string;
}

export type ScheduledReportResult =
  | { outcome: "queued"; rows: number }
  | { outcome: "emailed"; rows: number; recipients: number }
  | { outcome: "skipped"; reason: string };

const DAY_MS = 24 * 60 * 60_000;

/**
 * A saved report's scheduled delivery: runs it over its days up to the schedule's time (the same
 * query as the Custom reports tab, every group), then either stores a signed `report.delivered`
 * event for the report's webhook endpoint, which the worker's dispatcher delivers with retries
 * and a log, or emails it to the schedule's addresses through the SMTP relay. The event and the
 * mail's Message-ID are named after the report and the schedule's time, so a retried activity
 * stores the event once and a mailbox shows a resent mail once. A report deleted or unscheduled
 * since is skipped, and so is an emailed one when this worker has no SMTP relay or the relay
 * refuses it for good (a 5xx); other relay failures are retried.
 */
export function createScheduledReportActivities(deps: ScheduledReportDeps) {
  return {
    async deliverScheduledReport(input: ScheduledReportInput): Promise<ScheduledReportResult> {
      const report = await deps.db.savedReport.findUnique({ where: { id: input.reportId } });
      if (!report) return { outcome: "skipped", reason: "the report was deleted" };
      const saved = savedReportSchema.safeParse(report.definition);
      if (!saved.success || !saved.data.schedule) return { outcome: "skipped", reason: "the report is no longer scheduled" };
      const { definition, filters, days, schedule } = saved.data;
      const to = new Date(input.scheduledAt);
      const range = { from: new Date(to.getTime() - days * DAY_MS), to };
      const rows = await runReport(new EventScope(deps.db, report.workspaceId, filters), range, definition, { allGroups: true });
      const sourceId = `${report.id}@${input.scheduledAt}`;
      if (schedule.emails) {
        if (!deps.reportMail) return { outcome: "skipped", reason: "outgoing mail (SMTP_URL) is not configured on the worker" };
        const messageId = `report-${report.id}-${to.getTime()}@parley`;
        try {
          await emailReport(deps.reportMail, { report: { id: report.id, name: report.name, definition }, range, rows, recipients: schedule.emails, messageId });
        } catch (err) {
          if (err instanceof RelayError && err.permanent) return { outcome: "skipped", reason: err.message };
          throw err;
        }
        return { outcome: "emailed", rows: rows.length, recipients: schedule.emails.length };
      }
      await deps.db.$transaction(async (tx) => {
        if (await tx.webhookEvent.findFirst({ where: { source: "report", sourceId }, select: { id: true } })) return;
        // Written with its payload in one transaction: the dispatcher never sees it half-made.
        const row = await tx.webhookEvent.create({ data: { workspaceId: report.workspaceId, source: "report", sourceId, subscriptionId: schedule.webhookId ?? null } });
        const payload: WebhookPayload = {
          id: webhookEventPublicId(row.id),
          type: WEBHOOK_REPORT_EVENT_TYPE,
          created: to.toISOString(),
          workspaceId: report.workspaceId,
          data: {
            report: { id: report.id, name: report.name, ...definition, metricLabel: REPORT_METRICS[definition.metric].label, filters, days, every: schedule.every },
            range: { from: range.from.toISOString(), to: range.to.toISOString() },
            rows,
          },
        };
        await tx.webhookEvent.update({ where: { id: row.id }, data: { payload: asJson(payload) } });
      });
      return { outcome: "queued", rows: rows.length };
    },
  };
}
