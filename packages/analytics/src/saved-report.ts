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

/**
 * A saved report: what to compute, the filters, how many days back from "now" it covers, and,
 * when scheduled, how often it is delivered and to which of the workspace's webhook endpoints
 * (a signed `report.delivered` event carrying the rows).
 */
export const savedReportSchema = z.object({
  definition: reportDefinitionSchema,
  filters: analyticsFiltersSchema.default({}),
  days: z.number().int().min(1).max(366).default(30),
  schedule: z
    .object({ every: z.enum(Object.keys(REPORT_SCHEDULES) as [ReportSchedule, ...ReportSchedule[]]), webhookId: idSchema })
    .nullable()
    .default(null),
});
export type SavedReport = z.infer<typeof savedReportSchema>;

/** The Temporal Schedule of a saved report (one per report; deleted with it or when unscheduled). */
export const reportScheduleId = (reportId: string) => `report:${reportId}`;
