import { WorkflowNotFoundError, type Client } from "@temporalio/client";
import { LruCache } from "@parley/ai";
import type { Db } from "@parley/db";
import { PollingLoop } from "./polling-loop";

/**
 * How old a conversation row must be before it may count as an orphan: far past a start's
 * deadline (DEFAULT_SEND_DEADLINE_MS, 30 s), so a start still in flight is never taken for one.
 */
export const ORPHAN_GRACE_MS = 5 * 60_000;
/** How often the reconciler looks (one indexed query; Temporal is asked only about candidates). */
export const DEFAULT_ORPHAN_POLL_MS = 60_000;
const BATCH = 50;

export interface OrphanReconcilerOptions {
  db: Db;
  client: Client;
  graceMs?: number;
  pollMs?: number;
}

/**
 * Closes conversation rows whose workflow never started. The API writes the row, then starts the
 * workflow; if the API process dies in between (or its clean-up after a failed start could not
 * reach the database) the row stays open with nothing behind it, and the inbox shows a live
 * conversation that can never answer. Each worker process runs one of these: rows still open
 * after the grace period with nothing recorded (no message, no node run: a started workflow
 * records its opening turn at once) are looked up in Temporal, and those Temporal has never heard
 * of are closed, as the API closes the row of a start it gave up on. Starting their workflow
 * instead would open a conversation nobody is waiting for: the customer's request failed long
 * ago and their client has started another.
 */
export class OrphanReconciler {
  /** Candidates whose workflow exists (e.g. waiting for a worker): not asked about again. */
  private readonly haveWorkflow = new LruCache<string, true>(10_000);
  private readonly loop: PollingLoop;

  constructor(private readonly options: OrphanReconcilerOptions) {
    // One pass a minute whatever it found: candidates are few, and Temporal is asked about each.
    const pass = async () => {
      await this.poll();
      return false;
    };
    this.loop = new PollingLoop("[orphans] reconciling", pass, this.options.pollMs ?? DEFAULT_ORPHAN_POLL_MS);
  }

  start(): void {
    this.loop.start();
  }

  /** Stops; resolves when a pass in flight has finished. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** One pass; resolves with the ids of the rows it closed. */
  async poll(): Promise<string[]> {
    const { db } = this.options;
    const before = new Date(Date.now() - (this.options.graceMs ?? ORPHAN_GRACE_MS));
    const candidates = await db.conversation.findMany({
      where: { status: { in: ["active", "handoff"] }, createdAt: { lte: before }, lastMessageAt: null, nodeRuns: { none: {} } },
      orderBy: { createdAt: "asc" },
      select: { id: true, workflowId: true },
      take: BATCH + this.haveWorkflow.size,
    });
    const closed: string[] = [];
    for (const row of candidates.filter((candidate) => !this.haveWorkflow.get(candidate.id)).slice(0, BATCH)) {
      if (await this.workflowExists(row.workflowId)) {
        this.haveWorkflow.set(row.id, true);
        continue;
      }
      // Only a row still open and still without a turn: never one a late start has just brought to life.
      const { count } = await db.conversation.updateMany({
        where: { id: row.id, status: { in: ["active", "handoff"] }, lastMessageAt: null, nodeRuns: { none: {} } },
        data: { status: "closed" },
      });
      if (count > 0) closed.push(row.id);
    }
    if (closed.length > 0) console.log(`[orphans] closed ${closed.length} conversation(s) whose workflow never started`);
    return closed;
  }

  private async workflowExists(workflowId: string): Promise<boolean> {
    try {
      await this.options.client.workflow.getHandle(workflowId).describe();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }
}
