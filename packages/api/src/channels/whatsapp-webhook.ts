import {
  fetchWhatsappMedia,
  MediaTooLargeError,
  optionNumberOf,
  parseChannelConfig,
  parseWhatsappWebhook,
  verifyWhatsappSignature,
  parseWhatsappCredentials,
  WhatsappWebhookError,
  whatsappVerification,
  type WhatsappInboundMessage,
} from "@parley/channels";
import type { ApiServices } from "../context";
import { openChannelSecret, mediaFileName, textReply, type WebhookReply } from "./channel-secret";
import type { InboundFile } from "./inbound-common";
import { receivePhoneMessage, recordDeliveryStatus } from "./phone-inbound";
import type { PhoneWebhookOptions } from "./twilio-webhook";
import { webhookFailure } from "./webhook-failure";

const findChannel = (services: ApiServices, publicId: string) =>
  services.db.workspaceChannel.findFirst({
    where: { publicId, kind: "whatsapp" },
    select: { id: true, workspaceId: true, flowId: true, config: true, secretIv: true, secretTag: true, secretData: true },
  });

/** Meta's subscription check (GET with hub.mode, hub.verify_token, hub.challenge): the challenge echoed, or 403. */
export async function verifyWhatsappWebhook(services: ApiServices, publicId: string, query: URLSearchParams): Promise<WebhookReply> {
  const channel = await findChannel(services, publicId);
  if (!channel) return textReply(404, "no such channel");
  const challenge = whatsappVerification(query, parseChannelConfig("whatsapp", channel.config).verifyToken);
  return challenge === null ? textReply(403, "the verify token does not match") : textReply(200, challenge);
}

/**
 * A WhatsApp Cloud API webhook POST for a channel (public: authenticated only by
 * X-Hub-Signature-256 with the app secret): customer messages and the statuses of ours, batched.
 * 404 unknown channel, 403 bad or missing signature (nothing stored), 400 not Meta's JSON.
 */
export async function handleWhatsappWebhook(services: ApiServices, publicId: string, rawBody: Uint8Array, signature: string | undefined, options: PhoneWebhookOptions): Promise<WebhookReply> {
  const channel = await findChannel(services, publicId);
  if (!channel) return textReply(404, "no such channel");
  const credentials = parseWhatsappCredentials(openChannelSecret(services.secretBox, channel));
  if (!credentials || !verifyWhatsappSignature(credentials.appSecret, rawBody, signature)) return textReply(403, "the X-Hub-Signature-256 does not match");
  const config = parseChannelConfig("whatsapp", channel.config);
  let webhook;
  try {
    webhook = parseWhatsappWebhook(JSON.parse(Buffer.from(rawBody).toString("utf8")));
  } catch (err) {
    if (err instanceof WhatsappWebhookError || err instanceof SyntaxError) return textReply(400, err.message);
    throw err;
  }
  // A webhook about another number of the same app is not this channel's.
  if (config.phoneNumberId && webhook.phoneNumberIds.some((id) => id !== config.phoneNumberId)) return textReply(200, "ignored: another phone number");
  const api = { baseUrl: options.providerUrl, version: config.apiVersion, accessToken: credentials.accessToken };
  const filesOf = (message: WhatsappInboundMessage) => async (): Promise<InboundFile[]> => {
    if (!message.media) return [];
    try {
      const fetched = await fetchWhatsappMedia(api, message.media.id, options.maxMediaBytes);
      const contentType = message.media.mimeType.split(";")[0]!.trim() || fetched.contentType;
      return [{ fileName: message.media.fileName ?? mediaFileName(contentType, 0), contentType, content: fetched.content }];
    } catch (err) {
      if (!(err instanceof MediaTooLargeError)) throw err;
      console.warn(`[channels] whatsapp media skipped: ${err.message}`);
      return [];
    }
  };
  try {
    for (const status of webhook.statuses) if (status.status) await recordDeliveryStatus(services, channel.id, status.id, status.status, status.error);
    for (const message of webhook.messages) {
      const choice = message.choice ? optionNumberOf(message.choice.id) : null;
      await receivePhoneMessage(
        services,
        channel,
        { medium: "whatsapp", externalId: message.id, sender: message.phone, phone: message.phone, name: message.name, text: message.text, choice, files: filesOf(message) },
        options.seal,
      );
    }
    return textReply(200, "ok");
  } catch (err) {
    return webhookFailure("whatsapp", err);
  }
}
