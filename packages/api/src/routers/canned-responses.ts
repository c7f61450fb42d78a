import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { personProcedure, staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { visibleConversations } from "../auth/conversation-scope";
import { idSchema, labelSchema, messageTextSchema } from "../inputs";
import type { ApiServices } from "../context";
import { renderCanned } from "../canned/render-canned";

/** What follows the `/` in the composer: one word, so typing a space ends the search. */
const shortcutSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: "a shortcut is one lowercase word (letters, digits, - and _)" });
const cannedInput = z.object({ shortcut: shortcutSchema, title: labelSchema("title", 80), body: messageTextSchema });

type CannedContext = ApiServices & { workspaceId: string };

async function findCanned(ctx: CannedContext, id: string) {
  const canned = await ctx.db.cannedResponse.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!canned) throw new TRPCError({ code: "NOT_FOUND", message: `canned response ${id} not found` });
  return canned;
}

async function refuseDuplicate(ctx: CannedContext, shortcut: string, exceptId?: string) {
  const clash = await ctx.db.cannedResponse.findFirst({ where: { workspaceId: ctx.workspaceId, shortcut, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `the shortcut /${shortcut} is taken` });
}

/** Replies agents keep at hand: admins write them, agents insert them with `/shortcut`. */
export const cannedResponsesRouter = router({
  list: staffProcedure("conversations:read").query(async ({ ctx }) => {
    return ctx.db.cannedResponse.findMany({
      where: { workspaceId: ctx.workspaceId },
      orderBy: { shortcut: "asc" },
      select: { id: true, shortcut: true, title: true, body: true },
    });
  }),

  create: staffProcedure("settings:manage")
    .input(cannedInput)
    .mutation(async ({ ctx, input }) => {
      await refuseDuplicate(ctx, input.shortcut);
      const canned = await ctx.db.cannedResponse.create({ data: { workspaceId: ctx.workspaceId, ...input } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "canned_response.create",
        target: { type: "canned_response", id: canned.id },
        details: { shortcut: canned.shortcut },
      });
      return { id: canned.id };
    }),

  update: staffProcedure("settings:manage")
    .input(cannedInput.extend({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const canned = await findCanned(ctx, input.id);
      await refuseDuplicate(ctx, input.shortcut, canned.id);
      await ctx.db.cannedResponse.update({ where: { id: canned.id }, data: { shortcut: input.shortcut, title: input.title, body: input.body } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "canned_response.update",
        target: { type: "canned_response", id: canned.id },
        details: { from: canned.shortcut, to: input.shortcut },
      });
      return { ok: true as const };
    }),

  delete: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const canned = await findCanned(ctx, input.id);
      await ctx.db.cannedResponse.delete({ where: { id: canned.id } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "canned_response.delete",
        target: { type: "canned_response", id: canned.id },
        details: { shortcut: canned.shortcut },
      });
      return { ok: true as const };
    }),

  /**
   * The response's text for one conversation, placeholders filled for the signed-in agent, to put
   * in the composer (nothing is sent). Placeholders without a value stay in the text, listed in
   * `unknown` for the composer to point out.
   */
  render: personProcedure("conversations:work")
    .input(z.object({ id: idSchema, conversationId: idSchema }))
    .query(async ({ ctx, input }) => {
      const canned = await findCanned(ctx, input.id);
      const conversation = await ctx.db.conversation.findFirst({
        where: { id: input.conversationId, ...visibleConversations(ctx.caller) },
        select: { id: true, variables: true, contact: { select: { name: true, email: true } } },
      });
      if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${input.conversationId} not found` });
      const agent = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.caller.userId }, select: { name: true } });
      const variables = conversation.variables && typeof conversation.variables === "object" && !Array.isArray(conversation.variables) ? conversation.variables : {};
      return renderCanned(canned.body, { contact: conversation.contact, agent, conversation: { id: conversation.id }, variables });
    }),
});
