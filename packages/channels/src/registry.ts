import type { z } from "zod";
import type { ChannelKind } from "@parley/db";
import { webWidgetConfigSchema } from "./web-widget";
import { emailConfigSchema } from "./email";
import { twilioConfigSchema } from "./twilio";
import { whatsappConfigSchema } from "./whatsapp";
import { apiConfigSchema } from "./api";

/**
 * Every channel kind in one typed map: its label, the zod schema of its config JSON and whether
 * Parley delivers its outbound messages (the widget fetches its own). A kind missing here is a
 * compile error (the map must cover the database's ChannelKind enum); a new channel adds a folder
 * and one line here.
 */
export const CHANNEL_KINDS = {
  web_widget: { label: "Web widget", config: webWidgetConfigSchema, delivers: false },
  email: { label: "Email", config: emailConfigSchema, delivers: true },
  twilio: { label: "SMS / WhatsApp (Twilio)", config: twilioConfigSchema, delivers: true },
  whatsapp: { label: "WhatsApp (Meta Cloud API)", config: whatsappConfigSchema, delivers: true },
  api: { label: "Custom (API)", config: apiConfigSchema, delivers: true },
} satisfies Record<ChannelKind, { label: string; config: z.ZodType; delivers: boolean }>;

export type ChannelConfig<K extends ChannelKind> = z.output<(typeof CHANNEL_KINDS)[K]["config"]>;

/** A stored config read back through its kind's schema (defaults for settings added since). */
export function parseChannelConfig<K extends ChannelKind>(kind: K, config: unknown): ChannelConfig<K> {
  const schema = CHANNEL_KINDS[kind].config as z.ZodType;
  const parsed = schema.safeParse(config ?? {});
  // A row written by an older version that no longer validates falls back to the defaults.
  return (parsed.success ? parsed.data : schema.parse({})) as ChannelConfig<K>;
}

/** The AAD name a channel's sealed credential is bound to (a row copied to another channel does not open). */
export const channelSecretName = (channelId: string) => `channel:${channelId}`;
