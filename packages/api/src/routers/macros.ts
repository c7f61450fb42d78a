import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { agentMessageSignal, assignSignal, resolveSignal } from "@parley/workflows";
import { asJson } from "@parley/db";
import { router } from "../trpc";
import { personProcedure, staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { writeNote } from "../notes/write-note";
import { idSchema, labelSchema } from "../inputs";
import type { ApiServices } from "../context";
import { toTrpcError } from "../temporal-errors";
import { renderCanned } from "../canned/render-canned";
import { checkMacro } from "../macros/check-macro";
import { macroActionsSchema } from "../macros/macro-actions";
import { assignableAgent, freedSlot, openConversation } from "./agent-actions";
import { setConversationLabel } from "./labels";

type MacroContext = ApiServices & { workspaceId: string };

async function findMacro(ctx: MacroContext, id: string) {
  const macro = await ctx.db.macro.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!macro) throw new TRPCError({ code: "NOT_FOUND", message: `macro ${id} not found` });
  return macro;
}

async function refuseDuplicate(ctx: MacroContext, name: string, exceptId?: string) {
  const clash = await ctx.db.macro.findFirst({ where: { workspaceId: ctx.workspaceId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `a macro named "${name}" exists already` });
}

const macroInput = z.object({ name: labelSchema("macro name", 80), actions: macroActionsSchema });

/**
 * Macros: a named sequence of inbox actions run with one click. Checked when saved and again when
 * run — everything a macro names must still exist before the first action is applied, so a run
 * either does all of it or (412) none of it.
 */
export const macrosRouter = router({
  list: staffProcedure("conversations:read").query(async ({ ctx }) => {
    const macros = await ctx.db.macro.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true, actions: true } });
    return macros.map((macro) => ({ ...macro, actions: macroActionsSchema.catch([]).parse(macro.actions) }));
  }),

  create: staffProcedure("settings:manage")
    .input(macroInput)
    .mutation(async ({ ctx, input }) => {
      await refuseDuplicate(ctx, input.name);
      await checkMacro(ctx.db, ctx.workspaceId, input.actions);
      const macro = await ctx.db.macro.create({ data: { workspaceId: ctx.workspaceId, name: input.name, actions: asJson(input.actions) } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "macro.create", target: { type: "macro", id: macro.id }, details: { name: macro.name } });
      return { id: macro.id };
    }),

  update: staffProcedure("settings:manage")
    .input(macroInput.extend({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const macro = await findMacro(ctx, input.id);
      await refuseDuplicate(ctx, input.name, macro.id);
      await checkMacro(ctx.db, ctx.workspaceId, input.actions);
      await ctx.db.macro.update({ where: { id: macro.id }, data: { name: input.name, actions: asJson(input.actions) } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "macro.update", target: { type: "macro", id: macro.id }, details: { name: input.name } });
      return { ok: true as const };
    }),

  delete: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const macro = await findMacro(ctx, input.id);
      await ctx.db.macro.delete({ where: { id: macro.id } });
      await recordAudit(ctx.db, auditRequest(ctx), { workspaceId: ctx.workspaceId, actor: ctx.actor, action: "macro.delete", target: { type: "macro", id: macro.id }, details: { name: macro.name } });
      return { ok: true as const };
    }),

  run: personProcedure("conversations:work")
    .input(z.object({ macroId: idSchema, conversationId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const macro = await findMacro(ctx, input.macroId);
      const parsed = macroActionsSchema.safeParse(macro.actions);
      if (!parsed.success) throw new TRPCError({ code: "PRECONDITION_FAILED", message: `macro "${macro.name}" is not valid any more: edit it in settings` });
      const actions = parsed.data;
      // Check everything first.
      const checked = await checkMacro(ctx.db, ctx.workspaceId, actions);
      const handle = await openConversation(ctx, input.conversationId);
      const assignees = new Map<string, { id: string; name: string }>();
      for (const action of actions) {
        if (action.type !== "assign" || !action.agentId) continue;
        const agentId = action.agentId === "me" ? ctx.caller.userId : action.agentId;
        assignees.set(action.agentId, await assignableAgent(ctx, agentId));
      }
      const replies = new Map<string, string>();
      if (checked.canned.size > 0) {
        const conversation = await ctx.db.conversation.findUniqueOrThrow({ where: { id: input.conversationId }, select: { variables: true, contact: { select: { name: true, email: true } } } });
        const agent = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.caller.userId }, select: { name: true } });
        const variables = conversation.variables && typeof conversation.variables === "object" && !Array.isArray(conversation.variables) ? conversation.variables : {};
        for (const canned of checked.canned.values()) {
          const rendered = renderCanned(canned.body, { contact: conversation.contact, agent, conversation: { id: input.conversationId }, variables });
          if (rendered.unknown.length > 0) {
            throw new TRPCError({ code: "PRECONDITION_FAILED", message: `/${canned.shortcut} has no value for ${rendered.unknown.map((name) => `{{${name}}}`).join(", ")} here; nothing was changed` });
          }
          replies.set(canned.id, rendered.text);
        }
      }
      // Then apply, in order.
      try {
        for (const action of actions) {
          if (action.type === "addLabel" || action.type === "removeLabel") await setConversationLabel(ctx.db, input.conversationId, action.labelId, action.type === "addLabel");
          else if (action.type === "cannedReply") await handle.signal(agentMessageSignal, { agentId: ctx.caller.userId, text: replies.get(action.cannedResponseId)! });
          else if (action.type === "resolve") await handle.signal(resolveSignal, { agentId: ctx.caller.userId });
          else if (action.type === "addNote") {
            const author = { id: ctx.caller.userId, name: ctx.caller.name };
            await writeNote(ctx.db, { workspaceId: ctx.workspaceId, conversationId: input.conversationId, author, kind: "note", text: action.text, mentions: [] });
          }
          else {
            const agent = action.agentId ? assignees.get(action.agentId)! : null;
            const note = [action.team ? `Transferred to ${action.team}` : null, agent ? `Assigned to ${agent.name}` : "Unassigned", `(macro ${macro.name})`].filter(Boolean).join(" · ");
            await handle.signal(assignSignal, { agentId: agent?.id ?? null, note, ...(action.team ? { team: action.team } : {}) });
          }
        }
      } catch (err) {
        throw toTrpcError(err);
      }
      const lastAssign = actions.filter((action) => action.type === "assign").at(-1);
      const assigneeAfter = lastAssign ? (lastAssign.agentId ? assignees.get(lastAssign.agentId)!.id : null) : handle.assigneeId;
      if (actions.some((action) => action.type === "resolve") || assigneeAfter !== handle.assigneeId) freedSlot(ctx, handle.assigneeId);
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "macro.run",
        target: { type: "conversation", id: input.conversationId },
        details: { macro: macro.name, actions: actions.map((action) => action.type), labels: [...checked.labels.values()] },
      });
      return { ok: true as const, applied: actions.length };
    }),
});
