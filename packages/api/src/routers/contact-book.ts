import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { asJson } from "@parley/db";
import { personProcedure, staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import { applyAttributeChanges, attributeChangesSchema, storedAttributes, TooManyAttributesError } from "../contacts/attributes";
import { InvalidIdentityError, resolveContact } from "../contacts/resolve";
import { mergeContacts, MergeRefusedError } from "../contacts/merge";
import { matchingContactIds } from "../contacts/search";
import { contactDetail } from "../contacts/timeline";
import { externalIdSchema, phoneNumberSchema } from "../contacts/schemas";

/** Who a contact is, by at least one identity, and attributes to set on it. */
export const contactUpsertSchema = z
  .object({
    name: labelSchema("name", 120).optional(),
    email: z.email({ message: "not an email address" }).max(254).optional(),
    phone: phoneNumberSchema.optional(),
    externalId: externalIdSchema.optional(),
    attributes: attributeChangesSchema.optional(),
  })
  .refine((input) => input.email || input.phone || input.externalId, { message: "name at least one identity: email, phone or externalId" });

const notFound = (id: string) => new TRPCError({ code: "NOT_FOUND", message: `contact ${id} not found` });

/**
 * The contacts page's procedures (merged into contactsRouter): find people by name, email, phone
 * or any identity; one person's identities, attributes and conversations on every channel; create
 * or update by identity; edit attributes; merge two contacts into one.
 */
export const contactBook = {
  /** Newest first, keyset-paged; `query` matches words of the name or email, or the start of any identity. */
  list: staffProcedure("contacts:read")
    .input(
      z.object({
        query: labelSchema("query", 200).optional(),
        cursor: idSchema.optional(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const matches = input.query ? await matchingContactIds(ctx.db, ctx.workspaceId, input.query) : null;
      const contacts = await ctx.db.contact.findMany({
        where: {
          workspaceId: ctx.workspaceId,
          ...(matches ? { id: { in: matches } } : {}),
          // The simulator's contacts (one per test conversation) are nobody's.
          conversations: { none: { test: true } },
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        select: { id: true, name: true, email: true, phone: true, createdAt: true },
      });
      const page = contacts.slice(0, input.limit);
      // Counted for this page only: Prisma's _count aggregates the whole Conversation table first.
      const counts = await ctx.db.conversation.groupBy({ by: ["contactId"], where: { contactId: { in: page.map((c) => c.id) } }, _count: { _all: true } });
      const countOf = new Map(counts.map((row) => [row.contactId, row._count._all]));
      return {
        contacts: page.map((c) => ({ id: c.id, name: c.name, email: c.email, phone: c.phone, createdAt: c.createdAt.toISOString(), conversations: countOf.get(c.id) ?? 0 })),
        nextCursor: contacts.length > input.limit ? page[page.length - 1]!.id : null,
      };
    }),

  /** One contact: identities, attributes and the timeline of the conversations the caller may open. */
  get: staffProcedure("contacts:read")
    .input(z.object({ id: idSchema }))
    .query(async ({ ctx, input }) => {
      const contact = await contactDetail(ctx.db, ctx.caller, input.id);
      if (!contact) throw notFound(input.id);
      return contact;
    }),

  /**
   * The contact of these identities (resolveContact): a known email, phone or external id
   * returns its contact with the others linked, else a new one. Attributes given are set.
   */
  upsert: staffProcedure("contacts:manage")
    .input(contactUpsertSchema)
    .mutation(async ({ ctx, input }) => {
      const { attributes, ...facts } = input;
      let resolved;
      try {
        resolved = await resolveContact(ctx.db, ctx.workspaceId, facts);
      } catch (err) {
        if (err instanceof InvalidIdentityError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message });
        throw err;
      }
      if (attributes) await setAttributes(ctx, resolved.contactId, attributes);
      const contact = await contactDetail(ctx.db, ctx.caller, resolved.contactId);
      if (!contact) throw notFound(resolved.contactId);
      return { created: resolved.created, contact };
    }),

  /** Sets (or with null removes) attributes; audited with the keys changed, never their values. */
  updateAttributes: staffProcedure("contacts:manage")
    .input(z.object({ id: idSchema, attributes: attributeChangesSchema }))
    .mutation(async ({ ctx, input }) => ({ attributes: await setAttributes(ctx, input.id, input.attributes) })),

  /**
   * Merges contact `mergedId` into `keptId` (see contacts/merge.ts: conversations, identities
   * and attributes move, the kept contact's values win) and deletes it; audited.
   */
  merge: personProcedure("contacts:manage")
    .input(z.object({ keptId: idSchema, mergedId: idSchema }))
    .mutation(async ({ ctx, input }) => {
      try {
        const moved = await mergeContacts(ctx.db, ctx.workspaceId, input.keptId, input.mergedId);
        await recordAudit(ctx.db, auditRequest(ctx), {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          action: "contact.merge",
          target: { type: "contact", id: input.keptId },
          details: { mergedId: input.mergedId, ...moved },
        });
        return moved;
      } catch (err) {
        if (err instanceof MergeRefusedError) throw new TRPCError({ code: err.message.endsWith("not found") ? "NOT_FOUND" : "BAD_REQUEST", message: err.message });
        throw err;
      }
    }),
};

type StaffContext = Parameters<Parameters<ReturnType<typeof staffProcedure>["mutation"]>[0]>[0]["ctx"];

async function setAttributes(ctx: StaffContext, contactId: string, changes: z.infer<typeof attributeChangesSchema>) {
  const contact = await ctx.db.contact.findFirst({ where: { id: contactId, workspaceId: ctx.workspaceId }, select: { attributes: true } });
  if (!contact) throw notFound(contactId);
  let next;
  try {
    next = applyAttributeChanges(storedAttributes(contact.attributes), changes);
  } catch (err) {
    if (err instanceof TooManyAttributesError) throw new TRPCError({ code: "BAD_REQUEST", message: err.message });
    throw err;
  }
  await ctx.db.contact.update({ where: { id: contactId }, data: { attributes: asJson(next) }, select: { id: true } });
  await recordAudit(ctx.db, auditRequest(ctx), {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    action: "contact.attributes",
    target: { type: "contact", id: contactId },
    details: { keys: Object.keys(changes) },
  });
  return next;
}
