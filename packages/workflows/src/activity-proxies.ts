import { proxyActivities, proxyLocalActivities } from "@temporalio/workflow";
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

/**
 * SLA escalation steps reach outside the worker's database (webhooks) or may wait on other
 * services, so they are regular activities: visible in history, retried with backoff, with a
 * rejected webhook (4xx) failing for good instead of retrying.
 */
export const escalation = proxyActivities<Activities>({
  startToCloseTimeout: "15 seconds",
  retry: {
    initialInterval: "1 second",
    backoffCoefficient: 2,
    maximumInterval: "1 minute",
    maximumAttempts: 8,
    nonRetryableErrorTypes: [FailureType.WebhookRejected, FailureType.ConversationNotFound],
  },
});
