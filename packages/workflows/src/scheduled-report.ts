import { proxyActivities, workflowInfo } from "@temporalio/workflow";
import type { Activities, ScheduledReportResult } from "@parley/activities";
import type { ScheduledReportWorkflowInput } from "./background-contracts";

/** Reading the report and storing its event: quick database work, retried for a few minutes. */
const reports = proxyActivities<Activities>({
  startToCloseTimeout: "2 minutes",
  retry: { initialInterval: "5 seconds", backoffCoefficient: 2, maximumInterval: "1 minute", maximumAttempts: 6 },
});

/**
 * One scheduled delivery of a saved report, started by the report's Temporal Schedule: the
 * report over its days up to now, stored as a signed event for the report's webhook endpoint
 * (which the webhook dispatcher delivers with its own retries).
 */
export async function scheduledReport(input: ScheduledReportWorkflowInput): Promise<ScheduledReportResult> {
  return reports.deliverScheduledReport({ reportId: input.reportId, scheduledAt: workflowInfo().startTime.toISOString() });
}
