import { z } from "zod";

/**
 * A Twilio channel's settings: the account and the sender. The auth token (which signs Twilio's
 * webhooks and authenticates our sends) is sealed apart, never in this JSON. A sender written
 * `whatsapp:+…` makes it a WhatsApp channel through Twilio; a plain number an SMS channel.
 */
export const twilioConfigSchema = z.object({
  accountSid: z
    .string()
    .trim()
    .regex(/^AC[0-9a-fA-F]{32}$/, "an Account SID is AC followed by 32 hex digits")
    .nullable()
    .default(null),
  /** The number (E.164) or WhatsApp sender (`whatsapp:+…`) messages come to and go out from. */
  from: z
    .string()
    .trim()
    .regex(/^(whatsapp:)?\+[1-9]\d{6,14}$/, "the sender is a number in E.164 (+14155550100) or whatsapp:+14155550100")
    .nullable()
    .default(null),
  /** A voice call cut off mid-conversation goes on here by text when the caller's number is known. */
  continueDroppedCalls: z.boolean().default(true),
});

export type TwilioConfig = z.output<typeof twilioConfigSchema>;

/** The conversation channel a Twilio sender serves. */
export const twilioMedium = (from: string | null): "sms" | "whatsapp" => (from?.startsWith("whatsapp:") ? "whatsapp" : "sms");

/** A customer's address on Twilio (`whatsapp:+…` or `+…`) as the E.164 number a contact is known by. */
export const phoneOfAddress = (address: string) => address.replace(/^whatsapp:/, "");
