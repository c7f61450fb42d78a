import { fetchMedia, MediaTooLargeError, parseChannelConfig, parseTwilioWebhook, phoneOfAddress, twilioAuthHeaders, twilioMedium, TwilioWebhookError, verifyTwilioSignature } from "@parley/channels";
import type { ApiServices } from "../context";
import { openChannelSecret, mediaFileName, textReply, type WebhookReply } from "./channel-secret";
import type { InboundFile, SealBytes } from "./inbound-common";
import { receivePhoneMessage, recordDeliveryStatus } from "./phone-inbound";
import { webhookFailure } from "./webhook-failure";

export interface PhoneWebhookOptions {
  seal: SealBytes;
  /** The provider's API base URL: media is fetched only from there (a signed webhook cannot point us elsewhere). */
  providerUrl: string;
  /** Largest media file kept; larger ones are skipped. */
  maxMediaBytes: number;
}

export interface TwilioWebhookRequest {
  publicId: string;
  /** The full URL Twilio called (the public one: what it signed). */
  url: string;
  rawBody: string;
  signature: string | undefined;
}

/** Twilio takes an empty TwiML answer as "nothing to say now": the bot's reply goes out through the REST API. */
const EMPTY_TWIML: WebhookReply = { status: 200, contentType: "text/xml", body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' };

/**
 * A Twilio webhook for a channel (public: authenticated only by X-Twilio-Signature, with the
 * channel's auth token): an incoming SMS/WhatsApp message or a status callback of ours. 404 for an
 * unknown channel, 403 for a missing or wrong signature (nothing is stored), 400 for a body
 * that is not Twilio's.
 */
export async function handleTwilioWebhook(services: ApiServices, request: TwilioWebhookRequest, options: PhoneWebhookOptions): Promise<WebhookReply> {
  const channel = await services.db.workspaceChannel.findFirst({
    where: { publicId: request.publicId, kind: "twilio" },
    select: { id: true, workspaceId: true, flowId: true, config: true, secretIv: true, secretTag: true, secretData: true },
  });
  if (!channel) return textReply(404, "no such channel");
  const authToken = openChannelSecret(services.secretBox, channel);
  const params = new URLSearchParams(request.rawBody);
  if (!authToken || !verifyTwilioSignature(authToken, request.url, params, request.signature)) return textReply(403, "the X-Twilio-Signature does not match");
  const config = parseChannelConfig("twilio", channel.config);
  let webhook;
  try {
    webhook = parseTwilioWebhook(params);
  } catch (err) {
    if (err instanceof TwilioWebhookError) return textReply(400, err.message);
    throw err;
  }
  try {
    if (webhook.type === "status") {
      if (webhook.status) await recordDeliveryStatus(services, channel.id, webhook.messageSid, webhook.status, webhook.errorCode ? `Twilio error ${webhook.errorCode}` : null);
      return EMPTY_TWIML;
    }
    const origin = new URL(options.providerUrl).origin;
    const files = async (): Promise<InboundFile[]> => {
      const kept: InboundFile[] = [];
      for (const [index, media] of webhook.media.entries()) {
        if (!config.accountSid || new URL(media.url, origin).origin !== origin) continue;
        try {
          const fetched = await fetchMedia(new URL(media.url, origin).href, twilioAuthHeaders(config.accountSid, authToken), options.maxMediaBytes, "Twilio");
          kept.push({ fileName: mediaFileName(media.contentType, index), contentType: media.contentType, content: fetched.content });
        } catch (err) {
          // A file over the limit is left out; the message itself is still taken.
          if (!(err instanceof MediaTooLargeError)) throw err;
          console.warn(`[channels] twilio media ${index} skipped: ${err.message}`);
        }
      }
      return kept;
    };
    const medium = twilioMedium(config.from);
    await receivePhoneMessage(
      services,
      channel,
      { medium, externalId: webhook.messageSid, sender: webhook.from, phone: phoneOfAddress(webhook.from), name: webhook.profileName, text: webhook.body, choice: null, files },
      options.seal,
    );
    return EMPTY_TWIML;
  } catch (err) {
    return webhookFailure("twilio", err);
  }
}
