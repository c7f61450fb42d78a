/** A Twilio webhook that is not one we understand (the route answers 400). */
export class TwilioWebhookError extends Error {
  override name = "TwilioWebhookError";
}

export interface TwilioMedia {
  url: string;
  contentType: string;
}

/** What Twilio posted: a customer's message, or a status callback about one of ours. */
export type TwilioWebhook =
  | { type: "message"; messageSid: string; from: string; to: string; body: string; media: TwilioMedia[]; profileName: string | null }
  | { type: "status"; messageSid: string; status: TwilioDeliveryStatus; errorCode: string | null };

/** Twilio's MessageStatus values we act on, mapped to Parley's delivery statuses. */
const STATUS = {
  accepted: null,
  scheduled: null,
  queued: null,
  sending: null,
  sent: "sent",
  delivered: "delivered",
  read: "delivered",
  undelivered: "failed",
  failed: "failed",
  canceled: "failed",
} as const;
export type TwilioDeliveryStatus = "sent" | "delivered" | "failed" | null;

const SID = /^(SM|MM)[0-9a-fA-F]{32}$/;
const MAX_MEDIA = 10;

/**
 * Reads a signed webhook's form parameters. A status callback carries MessageStatus (and, on
 * WhatsApp, no Body); an incoming message carries Body, From and NumMedia with MediaUrlN and
 * MediaContentTypeN (https://www.twilio.com/docs/messaging/guides/webhook-request).
 */
export function parseTwilioWebhook(params: URLSearchParams): TwilioWebhook {
  const messageSid = params.get("MessageSid") ?? params.get("SmsSid") ?? "";
  if (!SID.test(messageSid)) throw new TwilioWebhookError("MessageSid is missing or malformed");
  const status = params.get("MessageStatus");
  if (status && status !== "received" && status !== "receiving") {
    if (!(status in STATUS)) throw new TwilioWebhookError(`unknown MessageStatus "${status.slice(0, 40)}"`);
    return { type: "status", messageSid, status: STATUS[status as keyof typeof STATUS], errorCode: params.get("ErrorCode") || null };
  }
  const from = params.get("From") ?? "";
  const to = params.get("To") ?? "";
  if (!/^(whatsapp:)?\+[1-9]\d{6,14}$/.test(from)) throw new TwilioWebhookError("From is not a phone number");
  const count = Number(params.get("NumMedia") ?? "0");
  if (!Number.isInteger(count) || count < 0 || count > MAX_MEDIA) throw new TwilioWebhookError("NumMedia is not a number from 0 to 10");
  const media: TwilioMedia[] = [];
  for (let index = 0; index < count; index++) {
    const url = params.get(`MediaUrl${index}`);
    if (!url) throw new TwilioWebhookError(`MediaUrl${index} is missing`);
    media.push({ url, contentType: params.get(`MediaContentType${index}`) ?? "application/octet-stream" });
  }
  return { type: "message", messageSid, from, to, body: (params.get("Body") ?? "").trim(), media, profileName: params.get("ProfileName")?.trim() || null };
}
