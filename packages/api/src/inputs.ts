import { z } from "zod";
import { MAX_MESSAGE_LENGTH } from "@parley/workflows/contracts";

/** Input pieces shared by routers; every request is validated before it touches anything. */
export const idSchema = z.string().trim().min(1, "id is required").max(64, "id is too long");

export const messageTextSchema = z
  .string()
  .trim()
  .min(1, "message text is empty")
  .max(MAX_MESSAGE_LENGTH, `message text is longer than ${MAX_MESSAGE_LENGTH} characters`);

export const conversationStatusSchema = z.enum(["active", "handoff", "resolved", "closed"]);

/** How a spoken message was heard (the voice gateway and voice messages send it with the text). */
export const voiceUtteranceSchema = z.object({
  confidence: z.number().min(0).max(1),
  quality: z.object({
    levelDbfs: z.number(),
    snrBeforeDb: z.number().nullable(),
    snrAfterDb: z.number().nullable(),
    speechRatio: z.number().min(0).max(1),
    clippingRatio: z.number().min(0).max(1),
  }),
  durationMs: z.number().min(0),
  engine: z.string().min(1).max(64),
  interruptedMessageId: z.string().max(100).optional(),
  recordingId: z.string().max(64).optional(),
});
