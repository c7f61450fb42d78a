import { defineSignal } from "@temporalio/workflow";

/**
 * Contracts of the workflows that run beside conversations: retention and erasure, webhook and
 * channel deliveries, automation idle timers and scheduled reports. Their names and inputs are
 * shared by the worker (which starts or schedules them), the API and the workflow code.
 */

// ---- Retention and erasure (workflows in ./retention.ts) ------------------------------------

/** Deletes what is past each workspace's retention; started by the retention Schedule. */
export const RETENTION_SWEEP_WORKFLOW = "retentionSweep";
/** The Schedule the worker keeps (one per namespace and task queue). */
export const retentionScheduleId = (taskQueue: string) => `parley-retention-${taskQueue}`;

/** Rows (and Temporal histories) one activity call deletes before it reports back. */
export const RETENTION_BATCH = 200;

export interface RetentionSweepResult {
  conversations: number;
  recordings: number;
  auditEvents: number;
  contacts: number;
  /** Rows whose opening never started a workflow (the API stopped in between), now closed. */
  abandonedOpenings?: number;
}

/** Erases a contact ("right to be forgotten"): started (and awaited) by the API's contacts.erase. */
export const ERASE_CONTACT_WORKFLOW = "eraseContact";
/** One erasure per contact at a time: a second request joins the running one. */
export const eraseContactWorkflowId = (contactId: string) => `erase-contact-${contactId}`;

export interface EraseContactInput {
  workspaceId: string;
  contactId: string;
  /**
   * Who asked, for the `contact.erase` audit event, which is written in the same transaction
   * that deletes the contact: the log has the erasure exactly when it happened, even if the
   * caller stopped waiting.
   */
  requestedBy: ErasureRequester;
}

export interface ErasureRequester {
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  userAgent: string | null;
}

/** Counts only: what was removed, never what it said. */
export interface EraseContactResult {
  conversations: number;
  messages: number;
  recordings: number;
  contact: boolean;
}

// ---- Webhooks (workflow in ./webhook-delivery.ts) --------------------------------------------

/**
 * One signed delivery of one event to one subscription, started by the worker's webhook
 * dispatcher (@parley/activities webhooks/dispatcher.ts mirrors these names) with the id
 * `webhook:<event row>:<subscription>`.
 */
export const WEBHOOK_DELIVERY_WORKFLOW = "webhookDelivery";

/**
 * One outbound delivery of a channel that is not the widget (an email), started by the worker's
 * channel dispatcher (@parley/activities channels/dispatcher.ts mirrors the name) with the id
 * `channel-delivery-<first message id>`.
 */
export const CHANNEL_DELIVERY_WORKFLOW = "channelDelivery";
// ---- Automation idle timers (workflow in ./automation-idle.ts) -------------------------------

/** One quiet-spell timer per conversation that a workspace's idle rules watch. */
export const AUTOMATION_IDLE_WORKFLOW = "automationIdle";
export const automationIdleWorkflowId = (conversationId: string) => `automation-idle-${conversationId}`;

export interface AutomationIdleInput {
  workspaceId: string;
  conversationId: string;
  /** The idle rules' thresholds in minutes (any order; duplicates are fine). */
  minutes: number[];
  /** The latest activity's ChangeEvent id (carried across continue-as-new). */
  lastChangeId?: number;
}

/**
 * Something happened in the conversation: the quiet spell starts again (with the rules' current
 * thresholds). `changeId` is the ChangeEvent row that showed it: a row read again is no new activity.
 */
export const automationActivitySignal = defineSignal<[{ minutes: number[]; changeId: number }]>("automationActivity");
/** The conversation ended: no more idle marks. */
export const automationStopSignal = defineSignal("automationStop");

// ---- Scheduled reports (workflow in ./scheduled-report.ts) -----------------------------------

/** Started by a saved report's Temporal Schedule (`report:<id>`, created by the API when it is saved). */
export const SCHEDULED_REPORT_WORKFLOW = "scheduledReport";
export interface ScheduledReportWorkflowInput {
  reportId: string;
}
