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
      // A value the database can never store would otherwise be retried forever: the turn never saves.
      FailureType.DataRejected,
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

/**
 * Knowledge search reads the workspace's articles (later also an embedding API): a regular
 * activity, retried quickly a few times. An unknown knowledge base is a normal empty result.
 */
export const knowledge = proxyActivities<Activities>({
  startToCloseTimeout: "20 seconds",
  retry: {
    initialInterval: "500 milliseconds",
    backoffCoefficient: 2,
    maximumInterval: "10 seconds",
    maximumAttempts: 5,
    nonRetryableErrorTypes: [FailureType.ConversationNotFound],
  },
});

/**
 * Reply generation will call a language model (slow, rate limited): a long timeout and a few
 * spaced retries. The customer is waiting, so after three attempts the step gives up and takes
 * its handoff port instead of retrying for long.
 */
export const replies = proxyActivities<Activities>({
  startToCloseTimeout: "60 seconds",
  retry: {
    initialInterval: "2 seconds",
    backoffCoefficient: 2,
    maximumInterval: "20 seconds",
    maximumAttempts: 3,
  },
});

/**
 * The handoff summary for the agent: one call per handoff, possibly to a language model. The
 * activity answers with its extractive summary when the model fails, so two attempts are enough;
 * after that the handoff goes on without a summary.
 */
export const summaries = proxyActivities<Activities>({
  startToCloseTimeout: "45 seconds",
  retry: {
    initialInterval: "1 second",
    backoffCoefficient: 2,
    maximumInterval: "5 seconds",
    maximumAttempts: 2,
    nonRetryableErrorTypes: [FailureType.InvalidUnderstandingInput],
  },
});

/**
 * Intent recognition and sentiment run on local models by default: pure CPU, well under a
 * millisecond, no I/O. So they are local activities: no task-queue round trip while the customer
 * waits, and one marker in history instead of three activity events per message. With an OpenAI
 * key the worker gives the model one attempt of at most 3 s (UNDERSTANDING_TIMEOUT_MS) and the
 * local model answers after that, so the 5 s budget still holds. A failure here can only be a bug
 * or a crashed worker: retry briefly, then the step takes its fallback exit.
 */
export const understanding = proxyLocalActivities<Activities>({
  startToCloseTimeout: "5 seconds",
  retry: {
    initialInterval: "100 milliseconds",
    backoffCoefficient: 2,
    maximumInterval: "1 second",
    maximumAttempts: 3,
    nonRetryableErrorTypes: [FailureType.InvalidUnderstandingInput],
  },
});

/**
 * The HTTP request node calls systems we do not run, so it is a regular activity: visible in
 * history and Temporal's UI, and on the task queue (rate-limited with the worker, not the
 * workflow). The activity itself never throws for an HTTP outcome (non-2xx, timeout: a branch of
 * the flow); it throws only when a connection fails for GET, PUT or DELETE, which are safe to
 * send twice. POST and PATCH return an error result instead, so they are never repeated, and that
 * is why a few quick attempts are enough here: the customer is waiting. The start-to-close timeout
 * is above the node's longest timeout (30 s) plus reading the body, so the node's own timeout
 * always decides first.
 */
export const integrations = proxyActivities<Activities>({
  startToCloseTimeout: "40 seconds",
  retry: {
    initialInterval: "500 milliseconds",
    backoffCoefficient: 2,
    maximumInterval: "4 seconds",
    maximumAttempts: 3,
    nonRetryableErrorTypes: [FailureType.InvalidHttpRequest],
  },
});

/**
 * Developers' custom activities, called by their registered name (the activity type). They may do
 * anything, so: regular activities, a generous timeout and a few retries for thrown errors; input
 * or output that fails the activity's schema fails for good (retrying cannot fix it), as does an
 * error the activity throws as ApplicationFailure.nonRetryable. The step then takes `error`.
 */
export const customActivities = proxyActivities<
  Record<string, (input: Record<string, unknown>, context?: { conversationId: string }) => Promise<Record<string, unknown>>>
>({
  startToCloseTimeout: "30 seconds",
  retry: {
    initialInterval: "1 second",
    backoffCoefficient: 2,
    maximumInterval: "10 seconds",
    maximumAttempts: 3,
    nonRetryableErrorTypes: [FailureType.InvalidCustomActivityInput, FailureType.InvalidCustomActivityOutput],
  },
});

/**
 * Transcribing a stored voice message: the speech engine may be slow (a minute of audio on a busy
 * CPU, or Azure under load), so a long start-to-close and a few spaced retries for engine and
 * database hiccups. A missing or unreadable recording (InvalidVoiceInput, AudioIntegrity) fails at
 * once: no retry brings it back. The customer is waiting for the reply, hence only 3 attempts.
 */
export const speech = proxyActivities<Activities>({
  startToCloseTimeout: "2 minutes",
  retry: {
    initialInterval: "1 second",
    backoffCoefficient: 2,
    maximumInterval: "10 seconds",
    maximumAttempts: 3,
    nonRetryableErrorTypes: [FailureType.InvalidVoiceInput, FailureType.AudioIntegrity],
  },
});

/**
 * Routing (team queues): short database reads and writes, and signals to team queues. A queued
 * conversation must never be lost, so these retry until they succeed (backoff up to 30 s); only a
 * conversation that does not exist fails for good.
 */
export const routing = proxyActivities<Activities>({
  startToCloseTimeout: "15 seconds",
  retry: {
    initialInterval: "200 milliseconds",
    backoffCoefficient: 2,
    maximumInterval: "30 seconds",
    nonRetryableErrorTypes: [FailureType.ConversationNotFound],
  },
});
