import type { Client } from "@temporalio/client";
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from "@temporalio/common";
import { asJson, type Db, type WebhookEvent } from "@parley/db";
import { buildWebhookPayload, type WebhookPayload } from "./payloads";
import type { DeliverWebhookInput } from "./delivery";
import { PollingLoop } from "../polling-loop";

/**
 * The delivery workflow's Temporal names, mirrored from @parley/workflows' webhook contract (this
 * package may not import the workflows package: it depends on these activities' types). The
 * webhook integration tests deliver through the dispatcher, so a drift fails them.
 */
const WEBHOOK_DELIVERY_WORKFLOW = "webhookDelivery";
/** One delivery per (event row, subscription): starting it again is a no-op, so nothing is delivered twice. */
export const webhookDeliveryWorkflowId = (input: DeliverWebhookInput) => `webhook:${input.eventRowId}:${input.subscriptionId}`;

/** How often the dispatcher looks for new events (one indexed query on undispatched rows). */
export const DEFAULT_DISPATCH_POLL_MS = 1_000;
const BATCH = 100;
/** Dispatched events (and delivery log rows) are kept this long: the window for "Redeliver". */
export const WEBHOOK_RETAIN_MS = 30 * 24 * 60 * 60_000;
const PRUNE_EVERY_MS = 60 * 60_000;

export interface WebhookDispatcherOptions {
  db: Db;
  client: Client;
  taskQueue: string;
  pollMs?: number;
}

/**
 * Turns stored webhook events into delivery workflows. Each worker process runs one: it reads the
 * WebhookEvent rows not yet dispatched (in id order), builds each one's public payload once and
 * stores it, starts a delivery workflow per subscription that wants its type, then marks the row
 * dispatched. A crash anywhere in between leaves the row undispatched and the next poll (this
 * process after a restart, or another worker) does it again: the workflow ids are derived from
 * the row and the subscription, so a delivery that was already started is not started twice.
 * Marking rows instead of keeping an id cursor also covers PostgreSQL's late commits (a row with
 * a lower id that becomes visible after a higher one is still undispatched).
 */
export class WebhookDispatcher {
  private lastPrune = 0;
  private readonly loop: PollingLoop;

  constructor(private readonly options: WebhookDispatcherOptions) {
    this.loop = new PollingLoop("[webhooks] dispatching", async () => (await this.poll()) === BATCH, this.options.pollMs ?? DEFAULT_DISPATCH_POLL_MS);
  }

  start(): void {
    this.loop.start();
  }

  /** Stops; resolves when a pass in flight has finished. */
  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Dispatches the next batch of events; how many rows it handled. */
  async poll(): Promise<number> {
    const { db } = this.options;
    const rows = await db.webhookEvent.findMany({ where: { dispatchedAt: null }, orderBy: { id: "asc" }, take: BATCH });
    for (const row of rows) {
      const payload = await this.payloadOf(row);
      if (payload) {
        for (const subscription of await this.subscribersOf(row, payload)) {
          await this.startDelivery({ eventRowId: row.id, subscriptionId: subscription.id });
        }
      }
      await db.webhookEvent.update({ where: { id: row.id }, data: { dispatchedAt: new Date() } });
    }
    await this.prune();
    return rows.length;
  }

  private async payloadOf(row: WebhookEvent): Promise<WebhookPayload | null> {
    if (row.payload) return row.payload as unknown as WebhookPayload;
    const payload = await buildWebhookPayload(this.options.db, row);
    if (payload) await this.options.db.webhookEvent.update({ where: { id: row.id }, data: { payload: asJson(payload) } });
    return payload;
  }

  /** A test event or redelivery goes to its one subscription; others to every enabled one that wants the type. */
  private async subscribersOf(row: WebhookEvent, payload: WebhookPayload): Promise<{ id: string }[]> {
    const subscriptions = await this.options.db.webhookSubscription.findMany({
      where: { workspaceId: row.workspaceId, enabled: true, ...(row.subscriptionId ? { id: row.subscriptionId } : {}) },
      select: { id: true, eventTypes: true },
    });
    if (row.subscriptionId) return subscriptions;
    return subscriptions.filter((subscription) => Array.isArray(subscription.eventTypes) && subscription.eventTypes.includes(payload.type));
  }

  private async startDelivery(input: DeliverWebhookInput): Promise<void> {
    try {
      await this.options.client.workflow.start(WEBHOOK_DELIVERY_WORKFLOW, {
        taskQueue: this.options.taskQueue,
        workflowId: webhookDeliveryWorkflowId(input),
        args: [input],
        // A delivery that already ran (delivered or given up) is never run again under its id.
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  /** Drops events and log rows past the redelivery window; every worker may do it, the DELETE is idempotent. */
  private async prune(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    const before = new Date(now - WEBHOOK_RETAIN_MS);
    await this.options.db.webhookEvent.deleteMany({ where: { dispatchedAt: { lt: before } } });
    await this.options.db.webhookDelivery.deleteMany({ where: { createdAt: { lt: before } } });
  }
}
