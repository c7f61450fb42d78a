import { z } from "zod";
import { idSchema } from "@parley/flow";
import { reportDefinitionSchema } from "./reports";
import { analyticsFiltersSchema } from "./scope";

/** How often a saved report is delivered, and when (UTC): each morning, or Monday morning. */
export const REPORT_SCHEDULES = {
  daily: { label: "Every day", cron: "0 6 * * *" },
  weekly: { label: "Every Monday", cron: "0 6 * * 1" },
} as const;
export type ReportSchedule = keyof typeof REPORT_SCHEDULES;

const every = z.enum(Object.keys(REPORT_SCHEDULES) as [ReportSchedule, ...ReportSchedule[]]);

/** At most this many addresses per emailed report: it is for a team's inboxes, not a mailing list. */
export const MAX_REPORT_RECIPIENTS = 20;

/**
 * Where a scheduled report goes: one of the workspace's webhook endpoints (a signed
 * `report.delivered` event carrying the rows), or email addresses (a CSV attachment and a short
 * summary, sent through the deployment's SMTP relay). Schedules saved before email existed have
 * only `webhookId` and still read as webhook deliveries.
 */
export const reportScheduleSchema = z
  .object({
    every,
    webhookId: idSchema.optional(),
    emails: z
      .array(z.email({ message: "each recipient must be an email address" }).max(254).transform((address) => address.toLowerCase()))
      .min(1, "name at least one recipient")
      .max(MAX_REPORT_RECIPIENTS, `at most ${MAX_REPORT_RECIPIENTS} recipients`)
      .transform((addresses) => [...new Set(addresses)])
      .optional(),
  })
  // One object rather than a union, so a bad address is answered with its own message.
  .refine((schedule) => (schedule.webhookId === undefined) !== (schedule.emails === undefined), { error: "deliver to a webhook endpoint or to email addresses, one of the two" });
export type ReportScheduleSetting = z.infer<typeof reportScheduleSchema>;

/**
 * A saved report: what to compute, the filters, how many days back from "now" it covers, and,
 * when scheduled, how often it is delivered and where.
 */
export const savedReportSchema = z.object({
  definition: reportDefinitionSchema,
  filters: analyticsFiltersSchema.default({}),
  days: z.number().int().min(1).max(366).default(30),
  schedule: reportScheduleSchema.nullable().default(null),
});
export type SavedReport = z.infer<typeof savedReportSchema>;

/** The Temporal Schedule of a saved report (one per report; deleted with it or when unscheduled). */
export const reportScheduleId = (reportId: string) => `report:${reportId}`;
