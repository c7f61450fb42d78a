import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { offerAnsweredSignal, teamQueueWorkflowId } from "@parley/workflows";
import { router } from "../trpc";
import { personProcedure } from "../procedures";
import { idSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";
import type { ApiServices, RequestInfo } from "../context";
import { recordAudit, type AuditActor } from "../auth/audit";
import { auditRequest } from "../auth/caller";
import type { UserCaller } from "../auth/caller";

type AgentContext = ApiServices & { caller: UserCaller; actor: AuditActor; request: RequestInfo };

/**
 * Answers the signed-in agent's offer. The database decides (a conditional UPDATE of a pending,
 * unexpired offer of theirs): two answers, or an answer racing the expiry, cannot both win, and the
 * partial unique index keeps one accepted offer per handoff. Then the team's queue hears of it;
 * if that signal is lost the queue finds the accepted row when the offer's time runs out.
 */
async function answer(ctx: AgentContext, offerId: string, accepted: boolean) {
  const offer = await ctx.db.routingOffer.findFirst({
    where: { id: offerId, workspaceId: ctx.caller.workspaceId, agentId: ctx.caller.userId },
    select: { teamId: true, conversationId: true, state: true, expiresAt: true },
  });
  // Someone else's offer is not found: its existence is none of this agent's business.
  if (!offer) throw new TRPCError({ code: "NOT_FOUND", message: `offer ${offerId} not found` });
  const now = new Date();
  const { count } = await ctx.db.routingOffer.updateMany({
    where: { id: offerId, state: "pending", expiresAt: { gt: now } },
    data: { state: accepted ? "accepted" : "declined", answeredAt: now },
  });
  if (count === 0) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `the offer is no longer open (${offer.state === "pending" ? "expired" : offer.state})` });
  await recordAudit(ctx.db, auditRequest(ctx), {
    workspaceId: ctx.caller.workspaceId,
    actor: ctx.actor,
    action: accepted ? "routing.offer_accept" : "routing.offer_decline",
    target: { type: "conversation", id: offer.conversationId },
    details: { offerId },
  });
  try {
    await ctx.temporal.workflow.getHandle(teamQueueWorkflowId(offer.teamId)).signal(offerAnsweredSignal, { offerId, accepted });
  } catch (err) {
    throw toTrpcError(err);
  }
  return { ok: true as const };
}

/** The agent's side of routing: the conversations offered to them, and their answer. */
export const routingRouter = router({
  /** Open offers to the signed-in agent (the inbox shows them as "Offered to you"). */
  offers: personProcedure("conversations:work").query(async ({ ctx }) => {
    const offers = await ctx.db.routingOffer.findMany({
      where: { workspaceId: ctx.caller.workspaceId, agentId: ctx.caller.userId, state: "pending", expiresAt: { gt: new Date() } },
      orderBy: { createdAt: "asc" },
      select: { id: true, conversationId: true, expiresAt: true },
    });
    return offers.map((offer) => ({ ...offer, expiresAt: offer.expiresAt.toISOString() }));
  }),
  accept: personProcedure("conversations:work")
    .input(z.object({ offerId: idSchema }))
    .mutation(({ ctx, input }) => answer(ctx, input.offerId, true)),
  decline: personProcedure("conversations:work")
    .input(z.object({ offerId: idSchema }))
    .mutation(({ ctx, input }) => answer(ctx, input.offerId, false)),
});
