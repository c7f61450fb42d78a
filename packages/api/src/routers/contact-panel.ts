import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { personProcedure, staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { visibleConversations } from "../auth/conversation-scope";
import { idSchema, labelSchema } from "../inputs";
import type { ApiServices } from "../context";
import type { Caller } from "../auth/caller";
import { contactTimeline } from "../contacts/timeline";
import { linkCorrectedFacts } from "../contacts/resolve";

/** How many of the contact's other conversations the panel lists, newest first. */
const PAST_CONVERSATIONS = 20;

const phoneSchema = z.string().trim().regex(/^\+?[0-9 ()./-]{4,30}$/, { message: "a phone number is digits, spaces and + ( ) - ." });

async function conversationContact(ctx: ApiServices & { caller: Caller }, conversationId: string) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id: conversationId, ...visibleConversations(ctx.caller) },
    select: { variables: true, contact: { select: { id: true, name: true, email: true, phone: true } } },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${conversationId} not found` });
  return conversation;
}

/** Flow variables as the panel shows them: text, in name order, empty ones left out. */
function attributesOf(variables: unknown): { name: string; value: string }[] {
  if (!variables || typeof variables !== "object" || Array.isArray(variables)) return [];
  return Object.entries(variables as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([name, value]) => ({ name, value: typeof value === "object" ? JSON.stringify(value) : String(value) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The inbox's contact panel: who the person of a conversation is (and how they are recognised on
 * each channel), what the flow learnt from them, and their other conversations on every channel
 * (the contact page's timeline, only those the caller may open).
 */
export const contactPanelRouter = router({
  get: staffProcedure("conversations:read")
    .input(z.object({ conversationId: idSchema }))
    .query(async ({ ctx, input }) => {
      const { contact, variables } = await conversationContact(ctx, input.conversationId);
      const [past, identities] = await Promise.all([
        contactTimeline(ctx.db, ctx.caller, contact.id, input.conversationId),
        ctx.db.contactIdentity.findMany({ where: { contactId: contact.id }, orderBy: [{ kind: "asc" }, { createdAt: "asc" }], select: { kind: true, value: true } }),
      ]);
      return { contact, identities, attributes: attributesOf(variables), past: past.slice(0, PAST_CONVERSATIONS) };
    }),

  /**
   * Corrects the contact's name, email or phone (null clears one); audited with what changed. A
   * new email or international phone number is linked as an identity (a cleared one stays
   * linked: removing an identity is a merge's or an erasure's business).
   */
  update: personProcedure("conversations:work")
    .input(
      z.object({
        conversationId: idSchema,
        name: labelSchema("name", 120).nullable().optional(),
        email: z.email({ message: "not an email address" }).max(254).nullable().optional(),
        phone: phoneSchema.nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { contact } = await conversationContact(ctx, input.conversationId);
      const changes = Object.fromEntries(
        (["name", "email", "phone"] as const).filter((field) => input[field] !== undefined && input[field] !== contact[field]).map((field) => [field, input[field]]),
      );
      if (Object.keys(changes).length === 0) return { ok: true as const, changed: [] as string[] };
      await ctx.db.contact.update({ where: { id: contact.id }, data: changes });
      // The corrected email or phone finds this person on other channels too.
      await linkCorrectedFacts(ctx.db, ctx.workspaceId, contact.id, { email: input.email, phone: input.phone });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "contact.update",
        target: { type: "contact", id: contact.id },
        // Which fields, never their values: the audit log outlives an erasure.
        details: { fields: Object.keys(changes), conversationId: input.conversationId },
      });
      return { ok: true as const, changed: Object.keys(changes) };
    }),
});
