import { ApplicationFailure } from "@temporalio/common";
import type { Db, SecretBox } from "@parley/db";
import { channelSecretName, ProviderError, type ProviderUrls } from "@parley/channels";
import { FailureType } from "../types";
import type { DeliveryChannel } from "./delivery-types";
import type { GuardedFetch } from "../egress";

/** What a kind's deliverer gets besides the channel and the messages. */
export interface DeliveryContext {
  db: Db;
  secretBox: SecretBox | undefined;
  providerUrls: ProviderUrls;
  /** The API's public URL, for providers' status callbacks; none: no callbacks are asked for. */
  apiPublicUrl: string | undefined;
  /** fetch through the SSRF guard: a custom channel's callback URL is an admin's choice, like an HTTP node's. */
  guardedFetch: GuardedFetch;
}

/** What a deliverer did: the provider's answer, and a note the inbox shows with "sent" (a template instead). */
export interface Delivered {
  detail: string;
  note?: string;
}

/** A refusal no retry changes: the workflow stops and the messages show as failed with it. */
export const rejected = (message: string) => ApplicationFailure.nonRetryable(message, FailureType.ChannelDeliveryRejected);

/** The channel's sealed credential opened, or null when it has none. */
export function openCredential(ctx: DeliveryContext, channel: DeliveryChannel): string | null {
  if (!channel.secretIv || !channel.secretTag || !channel.secretData) return null;
  if (!ctx.secretBox) throw rejected("this worker has no secrets key (PARLEY_SECRETS_KEY), so it cannot open the channel's credential");
  try {
    return ctx.secretBox.open(channel.workspaceId, channelSecretName(channel.id), { iv: channel.secretIv, tag: channel.secretTag, data: channel.secretData });
  } catch (err) {
    throw rejected(err instanceof Error ? err.message : String(err));
  }
}

/**
 * A provider's failed answer as Temporal sees it: a 4xx is final; a 429 or 5xx is retried, after
 * the provider's Retry-After when it gave one (instead of the workflow's backoff).
 */
export function providerFailure(err: unknown): unknown {
  if (!(err instanceof ProviderError)) return err;
  if (err.permanent) return rejected(err.message);
  return ApplicationFailure.create({ message: err.message, type: "ChannelProviderUnavailable", ...(err.retryAfterMs !== null ? { nextRetryDelay: err.retryAfterMs } : {}) });
}

/**
 * Where a phone channel's replies go: the address the customer last wrote from on this channel
 * (a `whatsapp:+…` address on Twilio), else the contact's phone number.
 */
export async function phoneRecipient(ctx: DeliveryContext, channelId: string, conversationId: string): Promise<string | null> {
  const latest = await ctx.db.channelMessageRef.findFirst({ where: { conversationId, workspaceChannelId: channelId, sender: { not: null } }, orderBy: { createdAt: "desc" }, select: { sender: true } });
  if (latest?.sender) return latest.sender;
  const conversation = await ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { contact: { select: { phone: true } } } });
  return conversation?.contact.phone ?? null;
}

/**
 * How many of a delivery's provider messages went out already (each is remembered as it is
 * sent): a retry sends only the rest, so a customer never gets a part twice.
 */
export const sentParts = (ctx: DeliveryContext, channelId: string, deliveryId: string) => ctx.db.channelMessageRef.count({ where: { workspaceChannelId: channelId, deliveryId } });

export async function rememberSent(ctx: DeliveryContext, channelId: string, conversationId: string, deliveryId: string, externalId: string): Promise<void> {
  const key = { workspaceChannelId: channelId, externalId };
  await ctx.db.channelMessageRef.upsert({ where: { workspaceChannelId_externalId: key }, create: { ...key, conversationId, deliveryId }, update: {}, select: { conversationId: true } });
}
