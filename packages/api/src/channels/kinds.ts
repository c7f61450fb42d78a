import type { z } from "zod";
import type { ChannelKind } from "@parley/db";
import { webWidgetConfigSchema } from "./web-widget";

/**
 * Every channel kind in one typed map: its label and the zod schema of its config JSON. A kind
 * missing here is a compile error (the map must cover the database's ChannelKind enum); email,
 * SMS and WhatsApp add one line and one schema file each.
 */
export const CHANNEL_KINDS = {
  web_widget: { label: "Web widget", config: webWidgetConfigSchema },
} satisfies Record<ChannelKind, { label: string; config: z.ZodType }>;

export type ChannelConfig<K extends ChannelKind> = z.output<(typeof CHANNEL_KINDS)[K]["config"]>;

/** A stored config read back through its kind's schema (defaults for settings added since). */
export function parseChannelConfig<K extends ChannelKind>(kind: K, config: unknown): ChannelConfig<K> {
  const parsed = CHANNEL_KINDS[kind].config.safeParse(config ?? {});
  // A row written by an older version that no longer validates falls back to the defaults.
  return (parsed.success ? parsed.data : CHANNEL_KINDS[kind].config.parse({})) as ChannelConfig<K>;
}
