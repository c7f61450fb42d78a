import type { ChangeEvent, Db } from "@parley/db";
import { pruneChangeEvents } from "./change-retention";

/** How often the feed reads new rows while someone listens (one indexed range query by id). */
export const DEFAULT_POLL_MS = 300;
/** How long a missing id may hold back the rows after it (a PostgreSQL transaction not yet committed). */
const GAP_WAIT_MS = 3_000;
/** Rows read per poll; a burst larger than this is read over the next polls, without waiting. */
const BATCH = 500;
const PRUNE_EVERY_MS = 60_000;

export type LiveEvent = Pick<
  ChangeEvent,
  "id" | "workspaceId" | "kind" | "conversationId" | "team" | "assigneeId" | "status" | "previousTeam" | "previousAssigneeId" | "previousStatus"
> & { createdAt: Date };

type Listener = (events: LiveEvent[]) => void;

const columns = {
  id: true,
  workspaceId: true,
  kind: true,
  conversationId: true,
  team: true,
  assigneeId: true,
  status: true,
  previousTeam: true,
  previousAssigneeId: true,
  previousStatus: true,
  createdAt: true,
} as const;

/**
 * One per API process: reads the ChangeEvent table (written by database triggers, whichever
 * process made the change) and hands new rows to this process's subscribers, in id order.
 *
 * Ids are handed out in order, but on PostgreSQL a transaction may commit after one that took a
 * later id. The feed therefore only passes rows up to the first missing id and waits for the
 * missing one up to GAP_WAIT_MS (a rolled-back transaction leaves a gap forever): a subscriber
 * never receives id 11 before 10, so "everything after my last id" is always a correct replay.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  /** Every id up to here has been passed on (or given up on). */
  private cursor: number | null = null;
  /** Since when a missing id has held back the rows after it (they are read again each poll). */
  private gapSince: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastPrune = 0;
  private closed = false;
  private readonly closeHandlers = new Set<() => void>();

  constructor(
    private readonly db: Db,
    private readonly pollMs = DEFAULT_POLL_MS,
  ) {}

  /** The id every earlier row has been passed on by; starts the poller on first use. */
  async position(): Promise<number> {
    if (this.cursor === null) {
      const last = await this.db.changeEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
      this.cursor ??= last?.id ?? 0;
    }
    return this.cursor;
  }

  /** Rows after `afterId` up to what the feed has passed on (a reconnecting subscriber's catch-up). */
  async since(afterId: number, upTo: number): Promise<LiveEvent[] | "expired"> {
    if (afterId >= upTo) return [];
    // A client whose last id was pruned away missed rows nobody can replay: it must reload.
    const oldest = await this.db.changeEvent.findFirst({ orderBy: { id: "asc" }, select: { id: true } });
    if (!oldest || oldest.id > afterId + 1) return "expired";
    return this.db.changeEvent.findMany({ where: { id: { gt: afterId, lte: upTo } }, orderBy: { id: "asc" }, select: columns });
  }

  /** Calls `listener` with each new batch until the returned function is called. */
  listen(listener: Listener, onClose: () => void): () => void {
    // A subscription that arrives while the server drains ends at once (the client goes elsewhere).
    if (this.closed) {
      onClose();
      return () => {};
    }
    this.listeners.add(listener);
    this.closeHandlers.add(onClose);
    this.schedule();
    return () => {
      this.listeners.delete(listener);
      this.closeHandlers.delete(onClose);
    };
  }

  get listening(): number {
    return this.listeners.size;
  }

  /** Ends every subscription (the server is draining) and stops polling. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const handler of [...this.closeHandlers]) handler();
    this.listeners.clear();
    this.closeHandlers.clear();
  }

  private schedule(delay = this.pollMs): void {
    if (this.closed || this.timer || this.listeners.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.poll().then(
        (full) => this.schedule(full ? 0 : this.pollMs),
        (err: unknown) => {
          // A database hiccup: try again at the next tick; subscribers just hear later.
          console.error("[live] reading the change feed failed:", err);
          this.schedule();
        },
      );
    }, delay);
  }

  /** Reads and passes on new rows; true when a full batch suggests more are waiting. */
  async poll(): Promise<boolean> {
    const cursor = await this.position();
    const rows = await this.db.changeEvent.findMany({ where: { id: { gt: cursor } }, orderBy: { id: "asc" }, take: BATCH, select: columns });
    const ready = this.settle(cursor, rows);
    if (ready.length > 0) for (const listener of this.listeners) listener(ready);
    await this.prune();
    // A full batch with everything passed on: more are waiting. (Held behind a gap: wait a tick.)
    return rows.length === BATCH && ready.length === rows.length;
  }

  /** The rows that can go out now (contiguous from the cursor); the rest wait behind a gap. */
  private settle(cursor: number, rows: LiveEvent[]): LiveEvent[] {
    let next = cursor;
    let index = 0;
    for (; index < rows.length && rows[index]!.id === next + 1; index++) next++;
    if (index < rows.length) {
      const now = Date.now();
      this.gapSince ??= now;
      if (now - this.gapSince >= GAP_WAIT_MS) {
        // The missing id was rolled back (or commits very late: the safety refetch covers it).
        next = rows[index]!.id;
        for (index++; index < rows.length && rows[index]!.id === next + 1; index++) next++;
        this.gapSince = index < rows.length ? now : null;
      }
    } else {
      this.gapSince = null;
    }
    this.cursor = next;
    return rows.slice(0, index);
  }

  /** Drops rows nobody needs any more (change-retention.ts), once a minute. */
  private async prune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    await pruneChangeEvents(this.db, now);
  }
}
