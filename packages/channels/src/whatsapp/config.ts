import { z } from "zod";

/**
 * A WhatsApp Cloud API channel's settings. The access token (sends, media downloads) and the
 * app secret (signs Meta's webhooks) are sealed apart, never in this JSON. The verify token is
 * what Meta echoes when the webhook is registered: not a credential, shown so it can be pasted.
 */
export const whatsappConfigSchema = z.object({
  /** The business phone number's id in Meta's WhatsApp Manager (digits). */
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^\d{5,30}$/, "the phone number id is digits (WhatsApp Manager → API setup)")
    .nullable()
    .default(null),
  /** Graph API version the sends use. */
  apiVersion: z
    .string()
    .trim()
    .regex(/^v\d{1,3}\.\d$/, "a Graph API version such as v21.0")
    .default("v21.0"),
  verifyToken: z.string().trim().min(16, "the verify token is at least 16 characters").max(200).nullable().default(null),
  /**
   * The approved template sent instead when the customer last wrote more than 24 hours ago (Meta
   * refuses free-form messages then); null: such messages fail with that reason.
   */
  template: z
    .object({
      name: z.string().trim().regex(/^[a-z0-9_]{1,512}$/, "a template name is lower-case letters, digits and _"),
      language: z.string().trim().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "a language code such as en or en_US"),
    })
    .nullable()
    .default(null),
});

export type WhatsappConfig = z.output<typeof whatsappConfigSchema>;

/** The sealed credential: both secrets in one sealed JSON. */
export const whatsappCredentialsSchema = z.object({
  accessToken: z.string().trim().min(20).max(1000),
  appSecret: z.string().trim().regex(/^[0-9a-f]{32}$/i, "the app secret is 32 hex digits (App settings → Basic)"),
});
export type WhatsappCredentials = z.output<typeof whatsappCredentialsSchema>;

/** The customer-service window: free-form messages only this long after the customer last wrote. */
export const WHATSAPP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The opened credential, or null when there is none or it is not ours (sealed by another version). */
export function parseWhatsappCredentials(sealed: string | null): WhatsappCredentials | null {
  if (!sealed) return null;
  try {
    const parsed = whatsappCredentialsSchema.safeParse(JSON.parse(sealed));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
