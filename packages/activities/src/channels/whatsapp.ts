import { outboundTextOf, parseChannelConfig, parseWhatsappCredentials, renderWhatsapp, sendWhatsappMessage, templatePayload, WHATSAPP_WINDOW_MS } from "@parley/channels";
import { openCredential, phoneRecipient, providerFailure, rejected, rememberSent, sentParts, type Delivered, type DeliveryContext } from "./delivery-context";
import type { DeliveryChannel, DeliveryMessage } from "./delivery-types";

/**
 * One turn's messages through the WhatsApp Cloud API: options as reply buttons or a list, text
 * otherwise. Outside the 24-hour customer-service window (the customer last wrote longer ago)
 * WhatsApp refuses free-form messages, so the channel's approved template goes out instead and
 * the inbox says so; without a template the delivery fails with that reason.
 */
export async function deliverWhatsapp(ctx: DeliveryContext, channel: DeliveryChannel, messages: DeliveryMessage[], deliveryId: string): Promise<Delivered> {
  const config = parseChannelConfig("whatsapp", channel.config);
  const conversationId = messages[0]!.conversationId;
  if (!config.phoneNumberId) throw rejected("the WhatsApp channel has no phone number id: set it in Settings → Channels");
  const credentials = parseWhatsappCredentials(openCredential(ctx, channel));
  if (!credentials) throw rejected("the WhatsApp channel has no access token: set it in Settings → Channels");
  const to = await phoneRecipient(ctx, channel.id, conversationId);
  if (!to) throw rejected("the conversation's contact has no phone number");
  const api = { baseUrl: ctx.providerUrls.whatsapp, version: config.apiVersion, accessToken: credentials.accessToken };

  const lastWrote = await ctx.db.message.findFirst({ where: { conversationId, author: "contact" }, orderBy: { seq: "desc" }, select: { createdAt: true } });
  const open = lastWrote !== null && Date.now() - lastWrote.createdAt.getTime() < WHATSAPP_WINDOW_MS;
  let note: string | undefined;
  let payloads;
  if (open) {
    payloads = messages.flatMap((message) => renderWhatsapp(outboundTextOf(message)));
  } else {
    if (!config.template) throw rejected("the customer last wrote more than 24 hours ago, when WhatsApp takes only template messages, and this channel has no template: set one in Settings → Channels");
    payloads = [templatePayload(config.template)];
    note = `outside WhatsApp's 24-hour window: sent the template "${config.template.name}" instead`;
  }
  const done = await sentParts(ctx, channel.id, deliveryId);
  for (const [index, payload] of payloads.entries()) {
    if (index < done) continue;
    try {
      const { id } = await sendWhatsappMessage(api, config.phoneNumberId, to, payload);
      await rememberSent(ctx, channel.id, conversationId, deliveryId, id);
    } catch (err) {
      throw providerFailure(err);
    }
  }
  return { detail: `${payloads.length} message${payloads.length === 1 ? "" : "s"} sent to ${to}`, ...(note ? { note } : {}) };
}
