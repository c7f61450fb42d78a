import { z } from "zod";
import { textSchema } from "@parley/flow";

/**
 * An email channel's settings. Mail reaches it at `<public id>@<PARLEY_EMAIL_DOMAIN>` or at its
 * own `address` (forward a support mailbox there); replies go out From that address through the
 * channel's relay (the password is sealed apart, never in this JSON).
 */
export const emailRelaySchema = z.object({
  host: z.string().trim().min(1, "the relay needs a host").max(253),
  port: z.number().int().min(1).max(65535).default(587),
  /** Implicit TLS (port 465); otherwise STARTTLS when the relay offers it. */
  secure: z.boolean().default(false),
  user: z.string().trim().max(254).nullable().default(null),
});

/** A mailbox Parley polls for customers' mail instead of (or besides) its SMTP endpoint; the password is sealed apart. */
export const emailImapSchema = z.object({
  host: z.string().trim().min(1, "the IMAP server needs a host").max(253),
  port: z.number().int().min(1).max(65535).default(993),
  /** Implicit TLS (port 993); otherwise STARTTLS when the server offers it. */
  tls: z.boolean().default(true),
  user: z.string().trim().min(1, "the IMAP server needs a user name").max(254),
  mailbox: z.string().trim().min(1).max(200).default("INBOX"),
  /** Seconds between polls while all is well (failures back off from here, up to an hour). */
  pollSeconds: z.number().int().min(10, "poll at most every 10 seconds").max(3600, "poll at least hourly").default(60),
});

export const emailConfigSchema = z.object({
  /** The channel's own address: accepted as a recipient and used as From. */
  address: z.email({ message: "the address must be an email address" }).max(254).transform((address) => address.toLowerCase()).nullable().default(null),
  fromName: textSchema({ label: "sender name", max: 80 }).default("Support"),
  /** Where replies are sent through; without one, messages stay queued as failed with that reason. */
  relay: emailRelaySchema.nullable().default(null),
  /** How customers' mail comes in: to Parley's SMTP endpoint, or polled from the IMAP mailbox below. */
  inbound: z.enum(["smtp", "imap"]).default("smtp"),
  /** Kept while inbound is smtp, so switching back and forth loses nothing. */
  imap: emailImapSchema.nullable().default(null),
  /** A voice call cut off mid-conversation goes on here by email when the caller's address is known (and no SMS channel can take it). */
  continueDroppedCalls: z.boolean().default(true),
});

export type EmailConfig = z.output<typeof emailConfigSchema>;
export type EmailRelay = z.output<typeof emailRelaySchema>;
export type EmailImap = z.output<typeof emailImapSchema>;
