import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { ERASE_CONTACT_WORKFLOW, eraseContactWorkflowId, type EraseContactResult, type eraseContact } from "@parley/workflows";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { auditRequest } from "../auth/caller";
import { idSchema } from "../inputs";
import { contactBook } from "./contact-book";
import { toTrpcError } from "../temporal-errors";

/** How long `erase` waits for the erasure before it answers `erasing` (it carries on regardless). */
export const ERASE_WAIT_MS = 30_000;

/** The people who wrote or called: the contacts page (contact-book.ts) and erasure. */
export const contactsRouter = router({
  ...contactBook,

  /**
   * Right to be forgotten: removes the contact, all their conversations (messages, variables,
   * node runs, recordings, notifications) and the conversations' workflow histories in Temporal,
   * running ones terminated first. The work runs as a workflow (eraseContact), so it finishes even
   * if a worker dies half-way, and writes the `contact.erase` audit event (who asked, and counts:
   * never the contact's name, email or words) as it deletes the contact. This waits up to
   * ERASE_WAIT_MS for it: `erased` with the counts, or `erasing` while it still runs (asking again
   * joins the same erasure).
   */
  erase: staffProcedure("settings:manage")
    .input(z.object({ contactId: idSchema }))
    .mutation(async ({ ctx, input }): Promise<({ status: "erased" } & EraseContactResult) | { status: "erasing" }> => {
      const contact = await ctx.db.contact.findFirst({ where: { id: input.contactId, workspaceId: ctx.workspaceId }, select: { id: true } });
      if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: `contact ${input.contactId} not found` });
      const request = auditRequest(ctx);
      try {
        const handle = await ctx.temporal.workflow.start<typeof eraseContact>(ERASE_CONTACT_WORKFLOW, {
          workflowId: eraseContactWorkflowId(contact.id),
          taskQueue: ctx.taskQueue,
          args: [
            {
              workspaceId: ctx.workspaceId,
              contactId: contact.id,
              requestedBy: { actorType: ctx.actor.type, actorId: ctx.actor.id ?? null, actorLabel: ctx.actor.label, ip: request.ip, userAgent: request.userAgent },
            },
          ],
          // Asked twice (a double click, a retry after a timeout): both wait for the one erasure.
          workflowIdConflictPolicy: "USE_EXISTING",
        });
        let timer: NodeJS.Timeout | undefined;
        const waited = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ERASE_WAIT_MS)));
        try {
          const result = await Promise.race([handle.result(), waited]);
          return result ? { status: "erased", ...result } : { status: "erasing" };
        } finally {
          clearTimeout(timer);
        }
      } catch (err) {
        throw toTrpcError(err);
      }
    }),
});
