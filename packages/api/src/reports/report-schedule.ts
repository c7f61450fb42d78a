import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client } from "@temporalio/client";
import { REPORT_SCHEDULES, reportScheduleId, type SavedReport } from "@parley/analytics";
import { SCHEDULED_REPORT_WORKFLOW, type ScheduledReportWorkflowInput } from "@parley/workflows";

/**
 * Makes the report's Temporal Schedule match what was saved: none when it is not scheduled (or
 * deleted), else one that starts `scheduledReport` on the report's cron (UTC). A changed schedule
 * replaces the old one. Temporal keeps the timing durable; the delivery itself reads the report
 * from the database, so a schedule left behind by a failure delivers nothing for a report that
 * no longer asks for it.
 */
export async function syncReportSchedule(temporal: Client, taskQueue: string, reportId: string, schedule: SavedReport["schedule"]): Promise<void> {
  const scheduleId = reportScheduleId(reportId);
  await temporal.schedule
    .getHandle(scheduleId)
    .delete()
    .catch((err: unknown) => {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    });
  if (!schedule) return;
  const args: [ScheduledReportWorkflowInput] = [{ reportId }];
  await temporal.schedule
    .create({
      scheduleId,
      spec: { cronExpressions: [REPORT_SCHEDULES[schedule.every].cron] },
      action: { type: "startWorkflow", workflowType: SCHEDULED_REPORT_WORKFLOW, args, taskQueue, workflowId: `report-delivery:${reportId}` },
    })
    .catch((err: unknown) => {
      // Another save got there first with the same schedule: it stands.
      if (!(err instanceof ScheduleAlreadyRunning)) throw err;
    });
}
