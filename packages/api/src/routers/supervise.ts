import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { superviseSignal, type SupervisorAction } from "@parley/workflows";
import { router } from "../trpc";
import { personProcedure } from "../procedures";
import { auditRequest, type UserCaller } from "../auth/caller";
import { recordAudit, type AuditActor } from "../auth/audit";
import type { ApiContext } from "../context";
import { idSchema, messageTextSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";
import { writeNote } from "../notes/write-note";
import { freedSlot, openConversation } from "./agent-actions";
import { queueBoard } from "./queue-board";

type SupervisorContext = ApiContext & { caller: UserCaller; actor: AuditActor };

/** A live conversation that an agent (someone other than the supervisor) has: whisper and barge-in need one. */
async function agentsConversation(ctx: SupervisorContext, conversationId: string) {
  const handle = await openConversation(ctx, conversationId, { handoffOnly: true });
  if (!handle.assigneeId) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "no agent has this conversation yet: reply or take it over instead" });
  if (handle.assigneeId === ctx.caller.userId) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "you have this conversation yourself" });
  return handle as typeof handle & { assigneeId: string };
}

/** Sends the signal, then audits it: a refused or failed signal changes nothing and logs nothing. */
async function supervise(ctx: SupervisorContext, handle: Awaited<ReturnType<typeof openConversation>>, conversationId: string, action: SupervisorAction, details: Record<string, unknown>) {
  try {
    await handle.signal(superviseSignal, action);
  } catch (err) {
    throw toTrpcError(err);
  }
  await recordAudit(ctx.db, auditRequest(ctx), {
    workspaceId: ctx.caller.workspaceId,
    actor: ctx.actor,
    action: `conversation.${action.action === "bargeIn" ? "barge_in" : action.action === "takeOver" ? "take_over" : "whisper"}`,
    target: { type: "conversation", id: conversationId },
    details,
  });
}

/**
 * Supervisors and admins on the floor: the live queue board, and whisper, barge-in and take-over
 * on a live conversation. Each action is a signal to the conversation's workflow (its history
 * records it beside the agents' actions) and an audit event. Agents are refused (403).
 */
export const superviseRouter = router({
  board: queueBoard,

  /** A note only the assigned agent (and supervisors) see, sent during the live conversation; the agent is notified. */
  whisper: personProcedure("conversations:supervise")
    .input(z.object({ conversationId: idSchema, text: messageTextSchema }))
    .mutation(async ({ ctx, input }) => {
      const handle = await agentsConversation(ctx, input.conversationId);
      // The signal names the note before it is stored: a signal that fails leaves no note behind.
      const noteId = randomUUID();
      await supervise(ctx, handle, input.conversationId, { action: "whisper", supervisorId: ctx.caller.userId, agentId: handle.assigneeId, noteId }, { noteId, agentId: handle.assigneeId });
      await writeNote(ctx.db, {
        id: noteId,
        workspaceId: ctx.caller.workspaceId,
        conversationId: input.conversationId,
        author: { id: ctx.caller.userId, name: ctx.caller.name },
        kind: "whisper",
        text: input.text,
        mentions: [handle.assigneeId],
        recipientId: handle.assigneeId,
      });
      return { id: noteId };
    }),

  /** The supervisor writes to the customer under their own name; the agent stays assigned. */
  bargeIn: personProcedure("conversations:supervise")
    .input(z.object({ conversationId: idSchema, text: messageTextSchema }))
    .mutation(async ({ ctx, input }) => {
      const handle = await agentsConversation(ctx, input.conversationId);
      await supervise(ctx, handle, input.conversationId, { action: "bargeIn", supervisorId: ctx.caller.userId, text: input.text }, { agentId: handle.assigneeId });
      return { ok: true as const };
    }),

  /** The conversation is assigned to the supervisor, past team and capacity limits; the agent's slot frees. */
  takeOver: personProcedure("conversations:supervise")
    .input(z.object({ conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const handle = await openConversation(ctx, input.conversationId);
      if (handle.assigneeId === ctx.caller.userId) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "you have this conversation already" });
      await supervise(ctx, handle, input.conversationId, { action: "takeOver", supervisorId: ctx.caller.userId, note: `Taken over by ${ctx.caller.name}` }, { from: handle.assigneeId });
      freedSlot(ctx, handle.assigneeId);
      return { ok: true as const };
    }),
});
