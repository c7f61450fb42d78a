import { z } from "zod";
import { businessCalendarSchema, isOpen, textSchema, type BusinessCalendar } from "@parley/flow";

/**
 * The web widget's settings, as Intercom and Chatwoot offer them: the look (colour, logo,
 * title, greeting, which corner), an optional pre-chat form (name, email) and business hours
 * outside which the widget shows an offline message (customers may still write; the flow and the
 * inbox pick it up as usual).
 */
export const webWidgetConfigSchema = z.object({
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, { message: "a colour is #rrggbb" })
    .transform((color) => color.toLowerCase())
    .default("#4f46e5"),
  /** Shown in the panel's header; https only, so a page served over https never mixes content. */
  logoUrl: z
    .url({ protocol: /^https?$/, message: "a logo is an http(s) URL" })
    .max(500)
    .nullable()
    .default(null),
  title: textSchema({ label: "title", max: 60 }).default("Chat with us"),
  greeting: textSchema({ label: "greeting", max: 200 }).default("Hi! How can we help?"),
  position: z.enum(["right", "left"]).default("right"),
  /** Ask for a name and email before the first message; they become the conversation's contact. */
  preChatForm: z.boolean().default(false),
  /**
   * A call button in the widget's header: the visitor talks with the flow through the voice
   * gateway in the same conversation (microphone in, the bot's speech out, words in the transcript).
   */
  voice: z.boolean().default(false),
  /** Opening hours; null means always online. */
  businessHours: businessCalendarSchema.nullable().default(null),
  /**
   * The email channel "Continue by email" moves conversations to; null: the workspace's only
   * email channel (with several, the customer is told to ask here instead).
   */
  continueByEmailChannelId: z.string().max(64).nullable().default(null),
  /** The SMS (Twilio) channel "Continue by SMS" moves conversations to; null: the workspace's only SMS channel. */
  continueBySmsChannelId: z.string().max(64).nullable().default(null),
  offlineMessage: textSchema({ label: "offline message", max: 300 }).default(
    "We're away right now. Leave a message and we'll get back to you as soon as we're in.",
  ),
});

export type WebWidgetConfig = z.output<typeof webWidgetConfigSchema>;

/** Online when there are no business hours, or when the calendar is open at `now`. */
export function webWidgetOnline(config: WebWidgetConfig, now: Date): boolean {
  return config.businessHours === null || isOpen(config.businessHours as BusinessCalendar, now.getTime());
}
