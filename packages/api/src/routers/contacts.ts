import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ERASE_CONTACT_WORKFLOW, eraseContactWorkflowId, type EraseContactResult, type eraseContact } from "@parley/workflows";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { idSchema, labelSchema } from "../inputs";
import { toTrpcError } from "../temporal-errors";

/** The people who wrote or called, for finding one to erase. */
export const contactsRouter = router({
  /** Newest first; `query` matches part of the name or email. */
  list: staffProcedure("settings:manage")
    .input(
      z.object({
        query: labelSchema("query", 200).optional(),
        cursor: idSchema.optional(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const contacts = await ctx.db.contact.findMany({
        where: {
          workspaceId: ctx.workspaceId,
          ...(input.query ? { OR: [{ name: { contains: input.query } }, { email: { contains: input.query } }] } : {}),
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: input.limit + 1,
        ...(input.cursor ? { cursor: { id: input.cursor }, skip: 1 } : {}),
        select: { id: true, name: true, email: true, createdAt: true, _count: { select: { conversations: true } } },
      });
      const page = contacts.slice(0, input.limit);
      return {
        contacts: page.map((c) => ({ id: c.id, name: c.name, email: c.email, createdAt: c.createdAt.toISOString(), conversations: c._count.conversations })),
        nextCursor: contacts.length > input.limit ? page[page.length - 1]!.id : null,
      };
    }),

  /**
   * Right to be forgotten: removes the contact, all their conversations (messages, variables,
   * node runs, recordings, notifications) and the conversations' workflow histories in Temporal,
   * running ones terminated first. The work runs as a workflow (eraseContact), so it finishes even
   * if a worker dies half-way; this waits for it. The audit log keeps that it happened, by whom,
   * and counts: never the contact's name, email or words.
   */
  erase: staffProcedure("settings:manage")
    .input(z.object({ contactId: idSchema }))
    .mutation(async ({ ctx, input }): Promise<EraseContactResult> => {
      const contact = await ctx.db.contact.findFirst({ where: { id: input.contactId, workspaceId: ctx.workspaceId }, select: { id: true } });
      if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: `contact ${input.contactId} not found` });
      let result: EraseContactResult;
      try {
        result = await ctx.temporal.workflow.execute<typeof eraseContact>(ERASE_CONTACT_WORKFLOW, {
          workflowId: eraseContactWorkflowId(contact.id),
          taskQueue: ctx.taskQueue,
          args: [{ workspaceId: ctx.workspaceId, contactId: contact.id }],
          // Asked twice (a double click, a retry after a timeout): both wait for the one erasure.
          workflowIdConflictPolicy: "USE_EXISTING",
        });
      } catch (err) {
        throw toTrpcError(err);
      }
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "contact.erase",
        target: { type: "contact", id: contact.id },
        details: { ...result },
      });
      return result;
    }),
});
