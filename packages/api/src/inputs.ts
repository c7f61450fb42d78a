import { z } from "zod";
import { idSchema, labelSchema, textSchema } from "@parley/flow";
import { MAX_MESSAGE_LENGTH } from "@parley/workflows/contracts";

/**
 * Input pieces shared by routers; every request is validated before it touches anything. Every
 * free-text field goes through the one text rule of @parley/flow (textSchema): no broken UTF-16,
 * no control characters, not blank, bounded. What passes here can always be stored.
 */
export { idSchema, labelSchema };

export const messageTextSchema = textSchema({ label: "message text", max: MAX_MESSAGE_LENGTH });

/** Free text that may be left empty (descriptions, notes). */
export const optionalTextSchema = (label: string, max: number) => textSchema({ label, max, allowEmpty: true });

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
  engine: labelSchema("engine", 64),
  interruptedMessageId: labelSchema("interruptedMessageId", 100).optional(),
  recordingId: idSchema.optional(),
  /** Speech recognition's time after the caller stopped speaking, until the transcript (live calls). */
  sttLatencyMs: z.number().min(0).max(600_000).optional(),
  /** Time to the first audio of the bot reply the caller heard before speaking (live calls). */
  ttsFirstByteMs: z.number().min(0).max(600_000).optional(),
});
