import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { idSchema } from "../inputs";
import { DEFAULT_REPLAY_LIMIT, MAX_REPLAY_LIMIT } from "../replay/recorded";
import { cancelReplayCheck, findReplayCheck, startReplayCheck, type ReplayCheck } from "../replay/replay-checks";

function found(check: ReplayCheck | undefined, id: string): ReplayCheck {
  if (!check) throw new TRPCError({ code: "NOT_FOUND", message: `replay check ${id} not found` });
  return check;
}

/**
 * The publish dialog's advisory check: the customer inputs of the flow's last recorded
 * conversations are replayed on the draft as test conversations, in the background, and each is
 * compared with what really happened (path and replies). Start it, poll it, cancel it.
 */
export const replayChecksRouter = router({
  start: staffProcedure("flows:manage")
    .input(z.object({ flowId: idSchema, limit: z.number().int().min(1).max(MAX_REPLAY_LIMIT).default(DEFAULT_REPLAY_LIMIT) }))
    .mutation(async ({ ctx, input }) => startReplayCheck(ctx, input.flowId, input.limit)),

  get: staffProcedure("flows:manage")
    .input(z.object({ id: idSchema }))
    .query(({ ctx, input }) => found(findReplayCheck(ctx.workspaceId, input.id), input.id)),

  cancel: staffProcedure("flows:manage")
    .input(z.object({ id: idSchema }))
    .mutation(({ ctx, input }) => found(cancelReplayCheck(ctx.workspaceId, input.id), input.id)),
});
