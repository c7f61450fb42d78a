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
