import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from "@temporalio/client";
import { RETENTION_SWEEP_WORKFLOW, retentionScheduleId } from "@parley/workflows/background-contracts";

export interface RetentionScheduleOptions {
  client: Client;
  taskQueue: string;
  /** `24h`, `6h`, `30m`, `1d`…, or `off` to remove the Schedule. */
  every: string;
}

/**
 * Keeps the Temporal Schedule that runs the retention sweep: created at the first worker start,
 * brought in line with this worker's interval at every later one (the last worker to start wins,
 * as with any setting), removed with `off`. One sweep at a time: a sweep still running when the
 * next is due makes that one skip. Returns what it did, for the log.
 */
export async function ensureRetentionSchedule(options: RetentionScheduleOptions): Promise<"created" | "updated" | "removed" | "off"> {
  const scheduleId = retentionScheduleId(options.taskQueue);
  if (options.every === "off") {
    try {
      await options.client.schedule.getHandle(scheduleId).delete();
      return "removed";
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return "off";
      throw err;
    }
  }
  const schedule = {
    scheduleId,
    spec: { intervals: [{ every: options.every as `${number}${"m" | "h" | "d"}` }] },
    action: { type: "startWorkflow", workflowType: RETENTION_SWEEP_WORKFLOW, args: [], taskQueue: options.taskQueue, workflowId: `${scheduleId}-sweep` },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: "1 day" },
  } satisfies ScheduleOptions;
  try {
    await options.client.schedule.create(schedule);
    return "created";
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) throw err;
  }
  await options.client.schedule.getHandle(scheduleId).update((previous) => ({ ...previous, spec: schedule.spec, action: schedule.action, policies: schedule.policies }));
  return "updated";
}
