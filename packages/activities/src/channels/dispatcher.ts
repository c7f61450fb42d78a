import type { Client } from "@temporalio/client";
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from "@temporalio/common";
import type { Db } from "@parley/db";
import type { DeliverChannelInput } from "./delivery";
import { PollingLoop } from "../polling-loop";

/**
 * The delivery workflow's Temporal name, mirrored from @parley/workflows' contract (this package
 * may not import the workflows package). The email integration test delivers through the
 * dispatcher, so a drift fails it.
 */
const CHANNEL_DELIVERY_WORKFLOW = "channelDelivery";

/** A delivery is named after its first message: the workflow id and the idempotency key (the email's Message-ID). */
export const channelDeliveryId = (firstMessageId: string) => `channel-delivery-${firstMessageId}`;

export const DEFAULT_CHANNEL_DISPATCH_POLL_MS = 1_000;
/**
 * A conversation's queued messages wait until it has been quiet this long, so turns that come
 * right after each other go out together: a mail that opens a conversation gets the opening and
 * the answer to it in one email, not two. Seconds do not matter on email.
 */
export const DEFAULT_CHANNEL_SETTLE_MS = 2_000;
const BATCH = 200;

export interface ChannelDispatcherOptions {
  db: Db;
  client: Client;
  taskQueue: string;
  pollMs?: number;
  settleMs?: number;
}

/**
 * Turns queued outbound messages (Message rows a database trigger marked `queued`: bot and
 * agent messages of conversations on a channel Parley delivers to) into delivery workflows, the
 * way the webhook dispatcher does: every worker runs one; once a conversation has been quiet
 * for a moment it groups its queued messages into one delivery (a turn's bot messages go out
 * as one email), names it after its
 * first message (stored on the rows before anything starts), starts `channelDelivery` under that
 * id, then marks the rows dispatched. A crash in between leaves rows undispatched; the next poll
 * starts the same id again, which is a no-op, so nothing is sent twice and nothing is lost.
 */
export class ChannelDispatcher {
  private readonly loop: PollingLoop;

  constructor(private readonly options: ChannelDispatcherOptions) {
    this.loop = new PollingLoop("[channels] dispatching", async () => (await this.poll()) === BATCH, this.options.pollMs ?? DEFAULT_CHANNEL_DISPATCH_POLL_MS);
  }

  start(): void {
    this.loop.start();
  }

  /** Stops; resolves when a pass in flight has finished. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Dispatches queued messages of conversations that have settled; how many rows it dispatched. */
  async poll(): Promise<number> {
    const { db } = this.options;
    const queued = await db.message.findMany({
      where: { deliveryStatus: "queued", deliveryDispatchedAt: null },
      orderBy: [{ conversationId: "asc" }, { seq: "asc" }],
      take: BATCH,
      select: { id: true, conversationId: true, deliveryId: true, createdAt: true },
    });
    const settledBefore = Date.now() - (this.options.settleMs ?? DEFAULT_CHANNEL_SETTLE_MS);
    const busy = new Set(queued.filter((row) => row.deliveryId === null && row.createdAt.getTime() > settledBefore).map((row) => row.conversationId));
    const rows = queued.filter((row) => row.deliveryId !== null || !busy.has(row.conversationId));
    const deliveries = new Set<string>();
    const unnamed = new Map<string, string[]>();
    for (const row of rows) {
      if (row.deliveryId) deliveries.add(row.deliveryId);
      else unnamed.set(row.conversationId, [...(unnamed.get(row.conversationId) ?? []), row.id]);
    }
    for (const ids of unnamed.values()) {
      const deliveryId = channelDeliveryId(ids[0]!);
      // Named before anything starts: a crash after this start redoes it with the same name.
      await db.message.updateMany({ where: { id: { in: ids }, deliveryId: null }, data: { deliveryId } });
      deliveries.add(deliveryId);
    }
    for (const deliveryId of deliveries) {
      await this.startDelivery({ deliveryId });
      await db.message.updateMany({ where: { deliveryId }, data: { deliveryDispatchedAt: new Date() } });
    }
    return rows.length;
  }

  private async startDelivery(input: DeliverChannelInput): Promise<void> {
    try {
      await this.options.client.workflow.start(CHANNEL_DELIVERY_WORKFLOW, {
        taskQueue: this.options.taskQueue,
        workflowId: input.deliveryId,
        args: [input],
        // A delivery that ran (sent or given up) never runs again under its id.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }
}
