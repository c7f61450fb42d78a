import { outboundTextOf, parseChannelConfig, renderTwilio, sendTwilioMessage, twilioMedium } from "@parley/channels";
import { openCredential, phoneRecipient, providerFailure, rejected, rememberSent, sentParts, type Delivered, type DeliveryContext } from "./delivery-context";
import type { DeliveryChannel, DeliveryMessage } from "./delivery-types";

/**
 * One turn's messages as Twilio messages (SMS, or WhatsApp for a `whatsapp:` sender) to the
 * customer: options numbered ("Reply 1, 2 or 3"), cut at 1600 characters, each part's
 * MessageSid remembered with the delivery so a retry sends only the parts still missing and
 * status callbacks find the messages.
 */
export async function deliverTwilio(ctx: DeliveryContext, channel: DeliveryChannel, messages: DeliveryMessage[], deliveryId: string): Promise<Delivered> {
  const config = parseChannelConfig("twilio", channel.config);
  const conversationId = messages[0]!.conversationId;
  if (!config.accountSid || !config.from) throw rejected("the Twilio channel has no Account SID or sender number: set them in Settings → Channels");
  const authToken = openCredential(ctx, channel);
  if (!authToken) throw rejected("the Twilio channel has no auth token: set it in Settings → Channels");
  const recipient = await phoneRecipient(ctx, channel.id, conversationId);
  if (!recipient) throw rejected("the conversation's contact has no phone number");
  const whatsapp = twilioMedium(config.from) === "whatsapp";
  const to = whatsapp && !recipient.startsWith("whatsapp:") ? `whatsapp:${recipient}` : recipient;
  const parts = renderTwilio(messages.map(outboundTextOf));
  const done = await sentParts(ctx, channel.id, deliveryId);
  const statusCallback = ctx.apiPublicUrl ? `${ctx.apiPublicUrl.replace(/\/$/, "")}/channels/twilio/${channel.publicId}` : null;
  for (const [index, body] of parts.entries()) {
    if (index < done) continue;
    try {
      const { sid } = await sendTwilioMessage({ baseUrl: ctx.providerUrls.twilio, accountSid: config.accountSid, authToken, from: config.from, to, body, statusCallback });
      await rememberSent(ctx, channel.id, conversationId, deliveryId, sid);
    } catch (err) {
      throw providerFailure(err);
    }
  }
  return { detail: `${parts.length} message${parts.length === 1 ? "" : "s"} sent to ${to}` };
}
