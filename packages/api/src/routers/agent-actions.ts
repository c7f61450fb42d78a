import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  agentMessageSignal,
  assignSignal,
  handBackSignal,
  resolveSignal,
} from "@parley/workflows";
import type { ApiContext } from "../context";
import { publicProcedure } from "../trpc";
import { idSchema, labelSchema, messageTextSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";

/**
 * What agents do in the inbox. Each action is a Signal to the conversation's workflow (recorded
 * in its history: who did what, when); the workflow persists the effect, and the inbox sees it
 * on its next read. Checked here first so a bad request gets a clear error, not a lost signal.
 */
async function openConversation(ctx: ApiContext, conversationId: string, options: { handoffOnly?: boolean } = {}) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id: conversationId, workspaceId: ctx.workspaceId },
    select: { workflowId: true, status: true },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${conversationId} not found` });
  if (conversation.status === "resolved" || conversation.status === "closed") {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `the conversation is ${conversation.status}` });
  }
  if (options.handoffOnly && conversation.status !== "handoff") {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "the bot already has this conversation" });
  }
  return ctx.temporal.workflow.getHandle(conversation.workflowId);
}

async function agentInWorkspace(ctx: ApiContext, agentId: string) {
  const agent = await ctx.db.user.findFirst({ where: { id: agentId, workspaceId: ctx.workspaceId } });
  if (!agent) throw new TRPCError({ code: "NOT_FOUND", message: `agent ${agentId} not found` });
  return agent;
}

async function signal(send: () => Promise<void>) {
  try {
    await send();
    return { ok: true as const };
  } catch (err) {
    throw toTrpcError(err);
  }
}

export const agentActions = {
  /** An agent's reply to the customer. */
  reply: publicProcedure
    .input(z.object({ conversationId: idSchema, agentId: idSchema, text: messageTextSchema }))
    .mutation(async ({ ctx, input }) => {
      await agentInWorkspace(ctx, input.agentId);
      const handle = await openConversation(ctx, input.conversationId);
      return signal(() => handle.signal(agentMessageSignal, { agentId: input.agentId, text: input.text }));
    }),

  /** Assign to an agent, unassign (null), or transfer to another team. */
  assign: publicProcedure
    .input(
      z.object({
        conversationId: idSchema,
        agentId: idSchema.nullable(),
        team: labelSchema("team", 80).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const agent = input.agentId ? await agentInWorkspace(ctx, input.agentId) : null;
      const handle = await openConversation(ctx, input.conversationId);
      const note = [input.team ? `Transferred to ${input.team}` : null, agent ? `Assigned to ${agent.name}` : "Unassigned"]
        .filter(Boolean)
        .join(" · ");
      return signal(() =>
        handle.signal(assignSignal, { agentId: input.agentId, note, ...(input.team ? { team: input.team } : {}) }),
      );
    }),

  resolve: publicProcedure
    .input(z.object({ conversationId: idSchema, agentId: idSchema.nullable().default(null) }))
    .mutation(async ({ ctx, input }) => {
      const handle = await openConversation(ctx, input.conversationId);
      return signal(() => handle.signal(resolveSignal, { agentId: input.agentId }));
    }),

  handBack: publicProcedure
    .input(z.object({ conversationId: idSchema, agentId: idSchema.nullable().default(null) }))
    .mutation(async ({ ctx, input }) => {
      const handle = await openConversation(ctx, input.conversationId, { handoffOnly: true });
      return signal(() => handle.signal(handBackSignal, { agentId: input.agentId }));
    }),
};
