import { z } from "zod";

const id = (label: string) => z.string({ error: `${label} is a string` }).trim().min(1, `${label} is empty`).max(200, `${label} is over 200 characters`);

const attachmentSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).max(2000),
  name: z.string().trim().max(200).optional(),
  contentType: z.string().trim().max(200).optional(),
});

/**
 * What an integration posts to `POST /channels/api/<publicId>/messages`: the external thread
 * (a Telegram chat, a Slack thread) that maps to one Parley conversation, the sender (the
 * contact, by external id and optionally email/phone) and the message, whose id makes a retried
 * post idempotent.
 */
export const apiInboundSchema = z.object({
  conversation: id("conversation"),
  sender: z.object({
    id: id("sender.id"),
    name: z.string().trim().min(1).max(120).optional(),
    email: z.email().max(254).optional(),
    phone: z.string().trim().max(40).optional(),
  }),
  message: z.object({
    id: id("message.id"),
    text: z.string({ error: "message.text is a string" }).max(4000, "message.text is over 4000 characters"),
    /** Links to files the sender shared; kept as links in the text (Parley does not fetch them). */
    attachments: z.array(attachmentSchema).max(10).optional(),
  }),
});

export type ApiInboundMessage = z.output<typeof apiInboundSchema>;

/** A body that is not an API channel message (the route answers 400 with this, the field named). */
export class ApiMessageError extends Error {
  override name = "ApiMessageError";
}

/** The posted JSON as a message; throws ApiMessageError naming the first wrong field. */
export function parseApiMessage(rawBody: string): ApiInboundMessage {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new ApiMessageError("the body is not JSON");
  }
  const parsed = apiInboundSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join(".") || "body";
  throw new ApiMessageError(`${field}: ${issue.message}`);
}
