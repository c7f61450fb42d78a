import { z } from "zod";

/** A webhook body that is not Meta's shape (the route answers 400). */
export class WhatsappWebhookError extends Error {
  override name = "WhatsappWebhookError";
}

const MEDIA_TYPES = ["image", "document", "audio", "video", "sticker"] as const;
const media = z.object({ id: z.string().min(1).max(200), mime_type: z.string().max(200).optional(), filename: z.string().max(255).optional(), caption: z.string().max(4096).optional() });
const reply = z.object({ id: z.string().max(256), title: z.string().max(256) });

const messageSchema = z.object({
  from: z.string().regex(/^\d{6,15}$/),
  id: z.string().min(1).max(200),
  timestamp: z.string().regex(/^\d+$/).optional(),
  type: z.string().max(40),
  text: z.object({ body: z.string().max(8192) }).optional(),
  interactive: z.object({ type: z.string(), button_reply: reply.optional(), list_reply: reply.optional() }).optional(),
  /** A template's quick-reply button. */
  button: z.object({ text: z.string().max(256), payload: z.string().max(256).optional() }).optional(),
  image: media.optional(),
  document: media.optional(),
  audio: media.optional(),
  video: media.optional(),
  sticker: media.optional(),
});

const statusSchema = z.object({
  id: z.string().min(1).max(200),
  status: z.string().max(40),
  errors: z.array(z.object({ code: z.number().optional(), title: z.string().max(500).optional() })).optional(),
});

const bodySchema = z.object({
  object: z.literal("whatsapp_business_account"),
  entry: z.array(
    z.object({
      changes: z.array(
        z.object({
          field: z.string(),
          value: z.object({
            metadata: z.object({ phone_number_id: z.string() }).optional(),
            contacts: z.array(z.object({ wa_id: z.string(), profile: z.object({ name: z.string().max(200) }).optional() })).optional(),
            messages: z.array(messageSchema).optional(),
            statuses: z.array(statusSchema).optional(),
          }),
        }),
      ),
    }),
  ),
});

export interface WhatsappInboundMessage {
  /** The wamid: the idempotency key of the message. */
  id: string;
  /** E.164. */
  phone: string;
  name: string | null;
  text: string;
  /** A reply button or list row the customer tapped: its id (ours: `option-<n>`) and title. */
  choice: { id: string; title: string } | null;
  media: { id: string; mimeType: string; fileName: string | null } | null;
}

export interface WhatsappStatus {
  /** The wamid of our message. */
  id: string;
  status: "sent" | "delivered" | "failed" | null;
  error: string | null;
}

const STATUS = { sent: "sent", delivered: "delivered", read: "delivered", failed: "failed" } as const;

/** The customer messages and the statuses of ours in one webhook POST (Meta batches them), for one phone number id. */
export function parseWhatsappWebhook(body: unknown): { phoneNumberIds: string[]; messages: WhatsappInboundMessage[]; statuses: WhatsappStatus[] } {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) throw new WhatsappWebhookError(`not a WhatsApp webhook: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`);
  const phoneNumberIds = new Set<string>();
  const messages: WhatsappInboundMessage[] = [];
  const statuses: WhatsappStatus[] = [];
  for (const change of parsed.data.entry.flatMap((entry) => entry.changes)) {
    if (change.field !== "messages") continue;
    const value = change.value;
    if (value.metadata) phoneNumberIds.add(value.metadata.phone_number_id);
    for (const message of value.messages ?? []) {
      const name = value.contacts?.find((contact) => contact.wa_id === message.from)?.profile?.name ?? null;
      const choice = message.interactive?.button_reply ?? message.interactive?.list_reply ?? (message.button ? { id: message.button.payload ?? "", title: message.button.text } : null);
      const type = MEDIA_TYPES.find((kind) => kind === message.type);
      const file = type ? message[type] : undefined;
      messages.push({
        id: message.id,
        phone: `+${message.from}`,
        name,
        text: (message.text?.body ?? choice?.title ?? file?.caption ?? "").trim(),
        choice,
        media: file ? { id: file.id, mimeType: file.mime_type ?? "application/octet-stream", fileName: file.filename ?? null } : null,
      });
    }
    for (const status of value.statuses ?? []) {
      const error = status.errors?.[0];
      statuses.push({ id: status.id, status: STATUS[status.status as keyof typeof STATUS] ?? null, error: error ? `${error.code ?? ""} ${error.title ?? ""}`.trim() : null });
    }
  }
  return { phoneNumberIds: [...phoneNumberIds], messages, statuses };
}
