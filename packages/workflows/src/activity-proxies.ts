import { proxyLocalActivities } from "@temporalio/workflow";
import type { Activities } from "@parley/activities";
import { FailureType } from "./contracts";

/**
 * Loading the flow and persisting a turn are short database calls on the worker's host, so they
 * run as local activities: no task-queue round trip per message (see bench/message-roundtrip).
 * Writes are idempotent (message ids are derived from seq), so a retry after a crash is safe.
 */
export const persistence = proxyLocalActivities<Activities>({
  startToCloseTimeout: "10 seconds",
  retry: {
    initialInterval: "200 milliseconds",
    backoffCoefficient: 2,
    maximumInterval: "10 seconds",
    nonRetryableErrorTypes: [
      FailureType.FlowVersionNotFound,
      FailureType.FlowVersionNotPublished,
      FailureType.InvalidFlow,
      FailureType.ConversationNotFound,
    ],
  },
});
