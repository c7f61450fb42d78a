import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { personProcedure, staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { visibleConversations } from "../auth/conversation-scope";
import { idSchema, labelSchema } from "../inputs";
import type { ApiServices } from "../context";

const labelNameSchema = labelSchema("label name", 40);
const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: "a colour is #rrggbb" });

type LabelContext = ApiServices & { workspaceId: string };

async function findLabel(ctx: LabelContext, id: string) {
  const label = await ctx.db.label.findFirst({ where: { id, workspaceId: ctx.workspaceId } });
  if (!label) throw new TRPCError({ code: "NOT_FOUND", message: `label ${id} not found` });
  return label;
}

async function refuseDuplicate(ctx: LabelContext, name: string, exceptId?: string) {
  const clash = await ctx.db.label.findFirst({ where: { workspaceId: ctx.workspaceId, name, ...(exceptId ? { id: { not: exceptId } } : {}) } });
  if (clash) throw new TRPCError({ code: "CONFLICT", message: `a label named "${name}" exists already` });
}

/**
 * Labels tag conversations (billing, vip, bug). Admins keep the list; anyone working a
 * conversation adds and removes them, and each change is in the audit log. A label is app data,
 * not workflow state: the conversation's workflow never needs to know.
 */
export const labelsRouter = router({
  list: staffProcedure("conversations:read").query(async ({ ctx }) => {
    return ctx.db.label.findMany({ where: { workspaceId: ctx.workspaceId }, orderBy: { name: "asc" }, select: { id: true, name: true, color: true } });
  }),

  create: staffProcedure("settings:manage")
    .input(z.object({ name: labelNameSchema, color: colorSchema }))
    .mutation(async ({ ctx, input }) => {
      await refuseDuplicate(ctx, input.name);
      const label = await ctx.db.label.create({ data: { workspaceId: ctx.workspaceId, name: input.name, color: input.color.toLowerCase() } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "label.create",
        target: { type: "label", id: label.id },
        details: { name: label.name, color: label.color },
      });
      return { id: label.id };
    }),

  update: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema, name: labelNameSchema, color: colorSchema }))
    .mutation(async ({ ctx, input }) => {
      const label = await findLabel(ctx, input.id);
      await refuseDuplicate(ctx, input.name, label.id);
      await ctx.db.label.update({ where: { id: label.id }, data: { name: input.name, color: input.color.toLowerCase() } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "label.update",
        target: { type: "label", id: label.id },
        details: { from: { name: label.name, color: label.color }, to: { name: input.name, color: input.color.toLowerCase() } },
      });
      return { ok: true as const };
    }),

  /** Takes the label off every conversation too (the join rows cascade). */
  delete: staffProcedure("settings:manage")
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      const label = await findLabel(ctx, input.id);
      await ctx.db.label.delete({ where: { id: label.id } });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "label.delete",
        target: { type: "label", id: label.id },
        details: { name: label.name },
      });
      return { ok: true as const };
    }),

  /** The labels on one conversation the caller may see, for the header chips. */
  ofConversation: staffProcedure("conversations:read")
    .input(z.object({ conversationId: idSchema }))
    .query(async ({ ctx, input }) => {
      const conversation = await ctx.db.conversation.findFirst({
        where: { id: input.conversationId, ...visibleConversations(ctx.caller) },
        select: { labels: { orderBy: { createdAt: "asc" }, select: { label: { select: { id: true, name: true, color: true } } } } },
      });
      if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${input.conversationId} not found` });
      return conversation.labels.map((row) => row.label);
    }),

  /** Adds (on: true) or removes a label; the same request twice changes nothing the second time. */
  setOnConversation: personProcedure("conversations:work")
    .input(z.object({ conversationId: idSchema, labelId: idSchema, on: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const conversation = await ctx.db.conversation.findFirst({ where: { id: input.conversationId, ...visibleConversations(ctx.caller) }, select: { id: true } });
      if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${input.conversationId} not found` });
      const label = await findLabel(ctx, input.labelId);
      const changed = await setConversationLabel(ctx.db, conversation.id, label.id, input.on);
      if (changed) {
        await recordAudit(ctx.db, auditRequest(ctx), {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          action: input.on ? "conversation.label_add" : "conversation.label_remove",
          target: { type: "conversation", id: conversation.id },
          details: { label: label.name },
        });
      }
      return { ok: true as const, changed };
    }),
});

/** Whether the row changed: adding a label twice or removing one that is not there is a no-op. */
export async function setConversationLabel(db: ApiServices["db"], conversationId: string, labelId: string, on: boolean): Promise<boolean> {
  if (!on) return (await db.conversationLabel.deleteMany({ where: { conversationId, labelId } })).count > 0;
  try {
    await db.conversationLabel.create({ data: { conversationId, labelId } });
    return true;
  } catch (err) {
    // Already on (two agents clicked at once): the primary key says so.
    if ((err as { code?: string }).code === "P2002") return false;
    throw err;
  }
}
