import { ApplicationFailure } from "@temporalio/common";
import type { ChannelKind, Db, SecretBox } from "@parley/db";
import { DEFAULT_PROVIDER_URLS, type ProviderUrls } from "@parley/channels";
import { deliverEmail } from "./email";
import { deliverTwilio } from "./twilio";
import { deliverWhatsapp } from "./whatsapp";
import { deliverApi } from "./api";
import { createGuardedFetch, type EgressDeps } from "../egress";
import type { Delivered, DeliveryContext } from "./delivery-context";
import type { DeliveryChannel, DeliveryMessage } from "./delivery-types";

export interface ChannelDeliveryDeps extends EgressDeps {
  db: Db;
  /** Opens channels' sealed credentials (an email relay's password, a Twilio auth token). */
  secretBox?: SecretBox;
  /** Where Twilio's and Meta's APIs are (their real hosts by default; loopback servers in tests). */
  providerUrls?: ProviderUrls;
  /** The API's public URL: Twilio's status callbacks for our messages are sent there. */
  apiPublicUrl?: string;
}

/** One delivery: the messages the dispatcher grouped under this id (one turn's bot messages, or one agent message). */
export interface DeliverChannelInput {
  deliveryId: string;
}

export type DeliverChannelResult = { outcome: "sent"; detail: string } | { outcome: "skipped"; reason: string };

type Deliver = (ctx: DeliveryContext, channel: DeliveryChannel, messages: DeliveryMessage[], deliveryId: string) => Promise<Delivered>;

/** How each kind that Parley delivers to sends; the widget reads its messages itself. */
const DELIVER = { web_widget: null, email: deliverEmail, twilio: deliverTwilio, whatsapp: deliverWhatsapp, api: deliverApi } satisfies Record<ChannelKind, Deliver | null>;

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
  const ctx: DeliveryContext = { db, secretBox: deps.secretBox, providerUrls: deps.providerUrls ?? DEFAULT_PROVIDER_URLS, apiPublicUrl: deps.apiPublicUrl, guardedFetch: createGuardedFetch(deps) };
  const mark = (deliveryId: string, deliveryStatus: string, deliveryError: string | null) =>
    db.message.updateMany({ where: { deliveryId }, data: { deliveryStatus, deliveryError } });

  return {
    async deliverChannelMessages(input: DeliverChannelInput): Promise<DeliverChannelResult> {
      const messages = await db.message.findMany({
        where: { deliveryId: input.deliveryId },
        orderBy: { seq: "asc" },
        select: { id: true, conversationId: true, text: true, meta: true, createdAt: true, deliveryStatus: true, conversation: { select: { workspaceChannel: true } } },
      });
      if (messages.length === 0) return { outcome: "skipped", reason: "the messages are gone" };
      // Sent before (an earlier attempt whose result was lost): never twice.
      if (messages.every((message) => message.deliveryStatus === "sent" || message.deliveryStatus === "delivered")) return { outcome: "sent", detail: "already sent" };
      const channel = messages[0]!.conversation.workspaceChannel;
      const deliver = channel ? DELIVER[channel.kind] : null;
      if (!channel || !deliver) {
        await mark(input.deliveryId, "failed", "the conversation's channel was deleted");
        return { outcome: "skipped", reason: "the conversation's channel was deleted" };
      }
      try {
        const delivered = await deliver(ctx, channel, messages, input.deliveryId);
        // "sent" unless a status callback has already said more (delivered, failed).
        await db.message.updateMany({ where: { deliveryId: input.deliveryId, deliveryStatus: "queued" }, data: { deliveryStatus: "sent", deliveryError: delivered.note ?? null } });
        return { outcome: "sent", detail: delivered.detail };
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

