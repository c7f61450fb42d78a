import { ApplicationFailure } from "@temporalio/common";
import type { ChannelKind, Db, SecretBox } from "@parley/db";
import { deliverEmail } from "./email";
import type { DeliveryChannel, DeliveryMessage } from "./delivery-types";

export interface ChannelDeliveryDeps {
  db: Db;
  /** Opens channels' sealed credentials (an email relay's password). */
  secretBox?: SecretBox;
}

/** One delivery: the messages the dispatcher grouped under this id (one turn's bot messages, or one agent message). */
export interface DeliverChannelInput {
  deliveryId: string;
}

export type DeliverChannelResult = { outcome: "sent"; detail: string } | { outcome: "skipped"; reason: string };

type Deliver = (db: Db, secretBox: SecretBox | undefined, channel: DeliveryChannel, messages: DeliveryMessage[], deliveryId: string) => Promise<string>;

/** How each kind that Parley delivers to sends; the widget reads its messages itself. */
const DELIVER = { web_widget: null, email: deliverEmail } satisfies Record<ChannelKind, Deliver | null>;

/** The error kept on the messages for the inbox: the relay's words, short. */
const describe = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 500);

/**
 * Delivers one stored delivery (its messages read from the database, never from memory) through
 * its conversation's channel, one attempt per activity attempt. Sent messages are marked sent;
 * a failed attempt keeps them queued with the error (the workflow retries); a final refusal
 * marks them failed.
 */
export function createChannelDeliveryActivities(deps: ChannelDeliveryDeps) {
  const { db } = deps;
  const mark = (deliveryId: string, deliveryStatus: string, deliveryError: string | null) =>
    db.message.updateMany({ where: { deliveryId }, data: { deliveryStatus, deliveryError } });

  return {
    async deliverChannelMessages(input: DeliverChannelInput): Promise<DeliverChannelResult> {
      const messages = await db.message.findMany({
        where: { deliveryId: input.deliveryId },
        orderBy: { seq: "asc" },
        select: { id: true, conversationId: true, text: true, meta: true, deliveryStatus: true, conversation: { select: { workspaceChannel: true } } },
      });
      if (messages.length === 0) return { outcome: "skipped", reason: "the messages are gone" };
      // Sent before (an earlier attempt whose result was lost): never twice.
      if (messages.every((message) => message.deliveryStatus === "sent")) return { outcome: "sent", detail: "already sent" };
      const channel = messages[0]!.conversation.workspaceChannel;
      const deliver = channel ? DELIVER[channel.kind] : null;
      if (!channel || !deliver) {
        await mark(input.deliveryId, "failed", "the conversation's channel was deleted");
        return { outcome: "skipped", reason: "the conversation's channel was deleted" };
      }
      try {
        const detail = await deliver(db, deps.secretBox, channel, messages, input.deliveryId);
        await mark(input.deliveryId, "sent", null);
        return { outcome: "sent", detail };
      } catch (err) {
        const final = err instanceof ApplicationFailure && err.nonRetryable;
        await mark(input.deliveryId, final ? "failed" : "queued", describe(err));
        throw err;
      }
    },

    /** The workflow gave up (retries exhausted): the messages show as failed with the last error. */
    async failChannelDelivery(input: DeliverChannelInput & { error: string }): Promise<void> {
      await db.message.updateMany({ where: { deliveryId: input.deliveryId, deliveryStatus: { not: "sent" } }, data: { deliveryStatus: "failed", deliveryError: input.error.slice(0, 500) } });
    },
  };
}

