import type { OutboundText } from "../output";
import { plainText, splitText } from "../text-parts";

/** Twilio's limit on one message's Body; longer text is sent as several messages. */
export const TWILIO_MAX_BODY = 1600;

/**
 * One turn's messages as Twilio message bodies: the turn's messages joined (options numbered,
 * "Reply 1, 2 or 3"), cut into parts of at most 1600 characters at paragraph or sentence ends.
 * The carrier splits a part into SMS segments itself; WhatsApp takes it whole.
 */
export function renderTwilio(messages: readonly OutboundText[]): string[] {
  return splitText(messages.map(plainText).filter(Boolean).join("\n\n"), TWILIO_MAX_BODY);
}
