import { TRPCError } from "@trpc/server";
import { z } from "zod";
import {
  agentMessageSignal,
  assignSignal,
  handBackSignal,
  resolveSignal,
} from "@parley/workflows";
import type { ApiServices } from "../context";
import { personProcedure } from "../procedures";
import type { UserCaller } from "../auth/caller";
import { visibleConversations } from "../auth/conversation-scope";
import { SEES_ALL_CONVERSATIONS } from "../auth/roles";

type AgentContext = ApiServices & { caller: UserCaller };
import { idSchema, labelSchema, messageTextSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";
import { knownTeam, refuseUnfitAgent } from "./assign-checks";
import { tellQueues } from "../routing-signals";

/**
 * What agents do in the inbox. Each action is a Signal to the conversation's workflow (recorded
 * in its history: who did what, when); the workflow persists the effect, and the inbox sees it
 * on its next read. Checked here first so a bad request gets a clear error, not a lost signal.
 */
export async function openConversation(ctx: AgentContext, conversationId: string, options: { handoffOnly?: boolean } = {}) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id: conversationId, ...visibleConversations(ctx.caller) },
    select: { workflowId: true, status: true, assigneeId: true },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${conversationId} not found` });
  if (conversation.status === "resolved" || conversation.status === "closed") {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `the conversation is ${conversation.status}` });
  }
  if (options.handoffOnly && conversation.status !== "handoff") {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: "the bot already has this conversation" });
  }
  return Object.assign(ctx.temporal.workflow.getHandle(conversation.workflowId), { assigneeId: conversation.assigneeId });
}

/**
 * The conversation's agent has a slot free again (resolved, handed back, transferred away): their
 * teams' queues may offer them the next one. Best effort, after the action succeeded.
 */
export function freedSlot(ctx: AgentContext, agentId: string | null) {
  if (agentId) tellQueues(ctx, { workspaceId: ctx.caller.workspaceId, userId: agentId, available: true });
}

/**
 * The person a conversation is assigned to: an active member of the workspace who works
 * conversations. Agents may only take a conversation themselves; supervisors and admins assign
 * anyone.
 */
export async function assignableAgent(ctx: AgentContext, agentId: string) {
  if (agentId !== ctx.caller.userId && !SEES_ALL_CONVERSATIONS.has(ctx.caller.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "agents can assign conversations only to themselves" });
  }
  const member = await ctx.db.member.findFirst({
    where: { userId: agentId, workspaceId: ctx.caller.workspaceId, deactivatedAt: null, role: { not: "analyst" } },
    select: { user: { select: { id: true, name: true } } },
  });
  if (!member) throw new TRPCError({ code: "NOT_FOUND", message: `agent ${agentId} not found` });
  return member.user;
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
  /** The signed-in person's reply to the customer, under their name. */
  reply: personProcedure("conversations:work")
    .input(z.object({ conversationId: idSchema, text: messageTextSchema }))
    .mutation(async ({ ctx, input }) => {
      const handle = await openConversation(ctx, input.conversationId);
      return signal(() => handle.signal(agentMessageSignal, { agentId: ctx.caller.userId, text: input.text }));
    }),

  /** Assign to an agent, unassign (null), or transfer to another team. */
  assign: personProcedure("conversations:work")
    .input(
      z.object({
        conversationId: idSchema,
        agentId: idSchema.nullable(),
        team: labelSchema("team", 80).optional(),
        /** Supervisors and admins: assign past the team and capacity checks. */
        override: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.override && !SEES_ALL_CONVERSATIONS.has(ctx.caller.role)) {
        throw new TRPCError({ code: "FORBIDDEN", message: "only supervisors and admins may assign past team and capacity limits" });
      }
      const agent = input.agentId ? await assignableAgent(ctx, input.agentId) : null;
      if (input.team) await knownTeam(ctx.db, ctx.caller.workspaceId, input.team);
      const handle = await openConversation(ctx, input.conversationId);
      if (agent && !input.override) {
        await refuseUnfitAgent(ctx.db, { workspaceId: ctx.caller.workspaceId, conversationId: input.conversationId, agent, team: input.team ?? null });
      }
      const note = [input.team ? `Transferred to ${input.team}` : null, agent ? `Assigned to ${agent.name}` : "Unassigned"]
        .filter(Boolean)
        .join(" · ");
      const result = await signal(() =>
        handle.signal(assignSignal, { agentId: input.agentId, note, ...(input.team ? { team: input.team } : {}) }),
      );
      if (handle.assigneeId !== input.agentId) freedSlot(ctx, handle.assigneeId);
      return result;
    }),

  resolve: personProcedure("conversations:work")
    .input(z.object({ conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const handle = await openConversation(ctx, input.conversationId);
      const result = await signal(() => handle.signal(resolveSignal, { agentId: ctx.caller.userId }));
      freedSlot(ctx, handle.assigneeId);
      return result;
    }),

  handBack: personProcedure("conversations:work")
    .input(z.object({ conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const handle = await openConversation(ctx, input.conversationId, { handoffOnly: true });
      const result = await signal(() => handle.signal(handBackSignal, { agentId: ctx.caller.userId }));
      freedSlot(ctx, handle.assigneeId);
      return result;
    }),
};
