import { Context } from "@temporalio/activity";
import type { Client } from "@temporalio/client";
import { WorkflowNotFoundError } from "@temporalio/common";
import type { Db } from "@parley/db";

/** Who asked for an erasure, as the audit log records it (the same shape as the workflow's contract). */
export interface ErasureRequester {
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  userAgent: string | null;
}

export interface RetentionDeps {
  db: Db;
  /**
   * Deletes conversations' workflow histories. The worker builds it from its own connection
   * (createConversationWorker); without it the retention and erasure activities refuse to run
   * rather than leave transcripts in Temporal.
   */
  temporalClient?: Client;
}

export interface BatchInput {
  /** At most this many rows per call; `more` says whether there are others. */
  limit: number;
}

export interface BatchResult {
  deleted: number;
  more: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** An opening row this old without a workflow is abandoned: an opening takes seconds, not this. */
export const ABANDONED_OPENING_MINUTES = 15;
const CLOSED = ["resolved", "closed"] as const;

/** Heartbeats when running as an activity (called directly, as a test may, it is a no-op). */
function heartbeat(details?: unknown) {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Not in an activity context.
  }
}

const isNotFound = (err: unknown) =>
  err instanceof WorkflowNotFoundError || (typeof err === "object" && err !== null && (err as { code?: unknown }).code === 5);

/** Retention and erasure: the activities behind the retentionSweep and eraseContact workflows. */
export function createRetentionActivities(deps: RetentionDeps) {
  const { db } = deps;

  /**
   * Removes every run of a workflow from Temporal: terminated first if it still runs (a
   * conversation waiting for an answer), then deleted, the current run and any earlier one of a
   * continue-as-new chain. A workflow that is already gone is fine.
   */
  async function forgetWorkflow(workflowId: string): Promise<void> {
    const client = deps.temporalClient;
    if (!client) throw new Error("retention activities need a Temporal client (temporalClient) to delete workflow histories");
    const namespace = client.options.namespace;
    try {
      await client.workflow.getHandle(workflowId).terminate("erased by retention or on request");
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const runIds = new Set<string | undefined>([undefined]);
    for await (const run of client.workflow.list({ query: `WorkflowId = '${workflowId.replace(/'/g, "\\'")}'` })) runIds.add(run.runId);
    for (const runId of runIds) {
      try {
        await client.workflowService.deleteWorkflowExecution({ namespace, workflowExecution: { workflowId, ...(runId ? { runId } : {}) } });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
  }

  /**
   * Deletes conversations: their histories in Temporal first, then the rows (messages, node runs,
   * recordings and notifications go with them by cascade). In this order a crash in between
   * leaves a row whose history is gone, which the next call deletes; never the reverse.
   */
  async function deleteConversations(conversations: readonly { id: string; workflowId: string }[]) {
    for (const [index, conversation] of conversations.entries()) {
      await forgetWorkflow(conversation.workflowId);
      heartbeat({ done: index + 1 });
    }
    const ids = conversations.map((c) => c.id);
    const [messages, recordings] = await Promise.all([
      db.message.count({ where: { conversationId: { in: ids } } }),
      db.audioRecording.count({ where: { conversationId: { in: ids } } }),
    ]);
    const { count } = await db.conversation.deleteMany({ where: { id: { in: ids } } });
    return { conversations: count, messages, recordings };
  }

  return {
    /**
     * Resolved and closed conversations whose last activity (last message and last change) is
     * older than their workspace's transcript retention; then the contacts left without any
     * conversation who are older than it too.
     */
    async sweepExpiredConversations(input: BatchInput): Promise<BatchResult & { contacts: number }> {
      const workspaces = await db.workspace.findMany({ where: { retainTranscriptsDays: { not: null } }, select: { id: true, retainTranscriptsDays: true } });
      let deleted = 0;
      let contacts = 0;
      for (const workspace of workspaces) {
        const room = input.limit - deleted;
        if (room <= 0) return { deleted, contacts, more: true };
        const cutoff = new Date(Date.now() - workspace.retainTranscriptsDays! * DAY_MS);
        const expired = await db.conversation.findMany({
          where: {
            workspaceId: workspace.id,
            status: { in: [...CLOSED] },
            updatedAt: { lt: cutoff },
            OR: [{ lastMessageAt: null }, { lastMessageAt: { lt: cutoff } }],
          },
          select: { id: true, workflowId: true },
          orderBy: { updatedAt: "asc" },
          take: room + 1,
        });
        deleted += (await deleteConversations(expired.slice(0, room))).conversations;
        if (expired.length > room) return { deleted, contacts, more: true };
        const orphans = await db.contact.deleteMany({ where: { workspaceId: workspace.id, createdAt: { lt: cutoff }, conversations: { none: {} } } });
        contacts += orphans.count;
      }
      return { deleted, contacts, more: false };
    },

    /**
     * Conversation rows whose workflow never started: the API writes the row, then starts the
     * workflow, and closes the row itself when the start fails, unless it stopped in between (a
     * crash, a deploy). Such a row is older than an opening can take, still open, has no message,
     * and Temporal has never heard of it. Rows are walked oldest first from `after`, so live
     * conversations that are merely silent are looked at once per sweep, not forever.
     */
    async closeAbandonedOpenings(input: BatchInput & { after?: { createdAt: string; id: string } }) {
      const client = deps.temporalClient;
      if (!client) throw new Error("closeAbandonedOpenings needs a Temporal client (temporalClient) to ask whether a workflow exists");
      const cutoff = new Date(Date.now() - ABANDONED_OPENING_MINUTES * 60_000);
      const after = input.after ? { createdAt: new Date(input.after.createdAt), id: input.after.id } : undefined;
      const candidates = await db.conversation.findMany({
        where: {
          status: { notIn: [...CLOSED] },
          lastMessageAt: null,
          createdAt: { lt: cutoff },
          ...(after ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] } : {}),
        },
        select: { id: true, workflowId: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: input.limit + 1,
      });
      const batch = candidates.slice(0, input.limit);
      const abandoned: string[] = [];
      for (const candidate of batch) {
        try {
          await client.workflow.getHandle(candidate.workflowId).describe();
        } catch (err) {
          if (!isNotFound(err)) throw err;
          abandoned.push(candidate.id);
        }
        heartbeat();
      }
      // Only rows still without a message: a workflow that started after all would have written one.
      const { count } = await db.conversation.updateMany({ where: { id: { in: abandoned }, lastMessageAt: null }, data: { status: "closed" } });
      const last = batch.at(-1);
      return { closed: count, more: candidates.length > input.limit, after: last ? { createdAt: last.createdAt.toISOString(), id: last.id } : input.after };
    },

    /** Caller recordings (not synthesized prompts) older than their workspace's recording retention. */
    async sweepExpiredRecordings(input: BatchInput): Promise<BatchResult> {
      const workspaces = await db.workspace.findMany({ where: { retainRecordingsDays: { not: null } }, select: { id: true, retainRecordingsDays: true } });
      let deleted = 0;
      for (const workspace of workspaces) {
        const room = input.limit - deleted;
        if (room <= 0) return { deleted, more: true };
        const cutoff = new Date(Date.now() - workspace.retainRecordingsDays! * DAY_MS);
        const expired = await db.audioRecording.findMany({
          where: { kind: "recording", createdAt: { lt: cutoff }, conversation: { workspaceId: workspace.id } },
          select: { id: true },
          take: room + 1,
        });
        const { count } = await db.audioRecording.deleteMany({ where: { id: { in: expired.slice(0, room).map((r) => r.id) } } });
        deleted += count;
        heartbeat({ deleted });
        if (expired.length > room) return { deleted, more: true };
      }
      return { deleted, more: false };
    },

    /** Audit events older than their workspace's audit retention (the only way one is ever deleted). */
    async sweepExpiredAuditEvents(input: BatchInput): Promise<BatchResult> {
      const workspaces = await db.workspace.findMany({ where: { retainAuditDays: { not: null } }, select: { id: true, retainAuditDays: true } });
      let deleted = 0;
      for (const workspace of workspaces) {
        const room = input.limit - deleted;
        if (room <= 0) return { deleted, more: true };
        const cutoff = new Date(Date.now() - workspace.retainAuditDays! * DAY_MS);
        const expired = await db.auditEvent.findMany({ where: { workspaceId: workspace.id, at: { lt: cutoff } }, select: { id: true }, take: room + 1 });
        const { count } = await db.auditEvent.deleteMany({ where: { id: { in: expired.slice(0, room).map((e) => e.id) } } });
        deleted += count;
        heartbeat({ deleted });
        if (expired.length > room) return { deleted, more: true };
      }
      return { deleted, more: false };
    },

    /** Up to `limit` of a contact's conversations, whatever their status (running ones are terminated). */
    async eraseContactConversations(input: { workspaceId: string; contactId: string; limit: number }) {
      const batch = await db.conversation.findMany({
        where: { workspaceId: input.workspaceId, contactId: input.contactId },
        select: { id: true, workflowId: true },
        take: input.limit + 1,
      });
      const counts = await deleteConversations(batch.slice(0, input.limit));
      return { ...counts, more: batch.length > input.limit };
    },

    /**
     * The contact row itself, once their conversations are gone, and the `contact.erase` audit
     * event (who asked, counts only) in the same transaction: a retry after success finds no
     * contact and writes nothing twice.
     */
    async deleteContact(input: {
      workspaceId: string;
      contactId: string;
      requestedBy: ErasureRequester;
      counts: { conversations: number; messages: number; recordings: number };
    }): Promise<{ deleted: boolean }> {
      return db.$transaction(async (tx) => {
        const { count } = await tx.contact.deleteMany({ where: { id: input.contactId, workspaceId: input.workspaceId } });
        if (count === 0) return { deleted: false };
        await tx.auditEvent.create({
          data: {
            workspaceId: input.workspaceId,
            ...input.requestedBy,
            actorLabel: input.requestedBy.actorLabel.slice(0, 200),
            action: "contact.erase",
            targetType: "contact",
            targetId: input.contactId,
            details: { ...input.counts, contact: true },
          },
        });
        return { deleted: true };
      });
    },
  };
}
