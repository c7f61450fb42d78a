import { z } from "zod";
import { idSchema } from "../inputs";

/**
 * What a macro does, in order. Labels are app data (written directly); assigning, the canned
 * reply and resolving are the same Signals the inbox's buttons send, so the conversation's
 * history records them as if the agent had clicked each one. A note is app data too (a private
 * note under the runner's name, never seen by the customer).
 */
export const macroActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("addLabel"), labelId: idSchema }),
  z.object({ type: z.literal("removeLabel"), labelId: idSchema }),
  /** `agentId` "me" is whoever runs the macro; null unassigns. `team` transfers. */
  z.object({ type: z.literal("assign"), agentId: z.union([z.literal("me"), idSchema]).nullable(), team: z.string().trim().min(1).max(80).optional() }),
  z.object({ type: z.literal("cannedReply"), cannedResponseId: idSchema }),
  z.object({ type: z.literal("addNote"), text: z.string().trim().min(1).max(2000) }),
  z.object({ type: z.literal("resolve") }),
]);

export type MacroAction = z.infer<typeof macroActionSchema>;

/** Resolving ends the conversation: nothing may come after it. */
export const macroActionsSchema = z
  .array(macroActionSchema)
  .min(1)
  .max(20)
  .refine(
    (actions) => {
      const resolveAt = actions.findIndex((action) => action.type === "resolve");
      return resolveAt === -1 || resolveAt === actions.length - 1;
    },
    { message: "resolve must be the last action" },
  );
