import { patched, proxyActivities } from "@temporalio/workflow";
import type { Activities } from "@parley/activities";
import { RETENTION_BATCH, type EraseContactInput, type EraseContactResult, type RetentionSweepResult } from "./background-contracts";

/**
 * Deleting is slow work over many rows and Temporal histories: regular activities that report a
 * heartbeat per item (a worker that dies mid-batch is noticed within the heartbeat timeout) and
 * are retried until they get through. Every step is idempotent (what is gone stays gone), so a
 * retry simply carries on.
 */
const maintenance = proxyActivities<Activities>({
  startToCloseTimeout: "10 minutes",
  heartbeatTimeout: "1 minute",
  retry: { initialInterval: "5 seconds", backoffCoefficient: 2, maximumInterval: "5 minutes" },
});

/** Enough batches for one sweep (200 × 1000 rows per kind); what is left waits for the next one. */
const MAX_BATCHES = 1000;

/** Runs `batch` until it reports nothing more (or MAX_BATCHES); the total it deleted. */
async function drain(batch: () => Promise<{ deleted: number; more: boolean }>): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const { deleted, more } = await batch();
    total += deleted;
    if (!more) break;
  }
  return total;
}

/**
 * One pass of the workspaces' retention settings: closed conversations (with their messages,
 * node runs, recordings, notifications and Temporal histories) whose last activity is older than
 * the transcript retention, then recordings older than the recording retention, then audit events
 * older than the audit retention; last, conversation rows whose opening never started a workflow
 * (see closeAbandonedOpenings). Started by the retention Schedule (the worker keeps it).
 */
export async function retentionSweep(): Promise<RetentionSweepResult> {
  let contacts = 0;
  const conversations = await drain(async () => {
    const result = await maintenance.sweepExpiredConversations({ limit: RETENTION_BATCH });
    contacts += result.contacts;
    return result;
  });
  const recordings = await drain(() => maintenance.sweepExpiredRecordings({ limit: RETENTION_BATCH }));
  const auditEvents = await drain(() => maintenance.sweepExpiredAuditEvents({ limit: RETENTION_BATCH }));
  if (!patched("close-abandoned-openings")) return { conversations, recordings, auditEvents, contacts };
  let after: { createdAt: string; id: string } | undefined;
  const abandonedOpenings = await drain(async () => {
    const batch = await maintenance.closeAbandonedOpenings({ limit: RETENTION_BATCH, ...(after ? { after } : {}) });
    after = batch.after;
    return { deleted: batch.closed, more: batch.more };
  });
  return { conversations, recordings, auditEvents, contacts, abandonedOpenings };
}

/**
 * Erases one contact: every conversation of theirs (rows and workflow histories, running ones
 * terminated first), then the contact. Durable, so an erasure that was asked for finishes even
 * when a worker dies half-way. The result holds counts only.
 */
export async function eraseContact(input: EraseContactInput): Promise<EraseContactResult> {
  const totals = { conversations: 0, messages: 0, recordings: 0 };
  for (;;) {
    const batch = await maintenance.eraseContactConversations({ ...input, limit: RETENTION_BATCH });
    totals.conversations += batch.conversations;
    totals.messages += batch.messages;
    totals.recordings += batch.recordings;
    if (!batch.more) break;
  }
  const { deleted } = await maintenance.deleteContact({ ...input, counts: totals });
  return { ...totals, contact: deleted };
}
