import { API_SIGNATURE_HEADER, apiOutboundMessage, networkError, outboundTextOf, parseChannelConfig, ProviderError, providerError } from "@parley/channels";
import { signWebhook } from "../webhooks/signature";
import { egressRefusal } from "../egress";
import { openCredential, providerFailure, rejected, rememberSent, type Delivered, type DeliveryContext } from "./delivery-context";
import type { DeliveryChannel, DeliveryMessage } from "./delivery-types";

/** How long the integration may take to answer one callback before it counts as failed (and is retried). */
const CALLBACK_TIMEOUT_MS = 15_000;

/** The integration's thread id the conversation was opened for (remembered as `thread:<id>`). */
async function threadOf(ctx: DeliveryContext, channelId: string, conversationId: string): Promise<string | null> {
  const ref = await ctx.db.channelMessageRef.findFirst({ where: { workspaceChannelId: channelId, conversationId, externalId: { startsWith: "thread:" } }, select: { externalId: true } });
  return ref ? ref.externalId.slice("thread:".length) : null;
}

/**
 * One delivery's messages POSTed to a custom channel's callback URL, one request per message,
 * through the SSRF guard: JSON `{ id, type, conversation, text, options?, createdAt }` signed with
 * X-Parley-Signature (`t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, the outbound webhooks'
 * scheme) and the message id as Idempotency-Key. Each message is remembered once taken, so a
 * retry posts only the rest; a 429/5xx is retried (after Retry-After), another 4xx is final.
 */
export async function deliverApi(ctx: DeliveryContext, channel: DeliveryChannel, messages: DeliveryMessage[], deliveryId: string): Promise<Delivered> {
  const config = parseChannelConfig("api", channel.config);
  const conversationId = messages[0]!.conversationId;
  if (!config.callbackUrl) throw rejected("the API channel has no callback URL: set it in Settings → Channels");
  const secret = openCredential(ctx, channel);
  if (!secret) throw rejected("the API channel has no signing secret: rotate it in Settings → Channels");
  const thread = await threadOf(ctx, channel.id, conversationId);
  if (!thread) throw rejected("the conversation has no thread on this API channel");
  const done = new Set((await ctx.db.channelMessageRef.findMany({ where: { workspaceChannelId: channel.id, deliveryId }, select: { externalId: true } })).map((ref) => ref.externalId));
  let posted = 0;
  for (const message of messages) {
    const ref = `out:${message.id}`;
    if (done.has(ref)) continue;
    const body = JSON.stringify(apiOutboundMessage(message, outboundTextOf(message), thread));
    const headers = { "content-type": "application/json", "idempotency-key": message.id, [API_SIGNATURE_HEADER]: signWebhook([secret], Math.floor(Date.now() / 1000), body) };
    try {
      const response = await ctx.guardedFetch(new URL(config.callbackUrl), { method: "POST", headers, body, signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS) }, { maxRedirects: 0 });
      if (!response.ok) throw await providerError("The callback URL", response as unknown as Response);
      await response.body?.cancel();
    } catch (err) {
      const refused = egressRefusal(err);
      if (refused) throw rejected(refused.message);
      throw providerFailure(err instanceof ProviderError || !(err instanceof Error) ? err : networkError("The callback URL", err));
    }
    await rememberSent(ctx, channel.id, conversationId, deliveryId, ref);
    posted++;
  }
  return { detail: `${posted} message${posted === 1 ? "" : "s"} posted to ${new URL(config.callbackUrl).host}` };
}
