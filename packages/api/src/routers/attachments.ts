import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { router } from "../trpc";
import { staffProcedure } from "../procedures";
import { visibleConversations } from "../auth/conversation-scope";
import { auditRequest } from "../auth/caller";
import { recordSensitiveRead } from "../auth/audit";
import { idSchema } from "../inputs";

/**
 * Files customers sent (an email's attachments, an SMS or WhatsApp picture). The bytes are stored
 * encrypted and served by the API's download route (`GET /api/attachments/:id`), which asks this
 * procedure first: whoever may read the conversation may read its files, and the read is audited
 * like opening the conversation.
 */
export const attachmentsRouter = router({
  get: staffProcedure("conversations:read")
    .input(z.object({ id: idSchema }))
    .query(async ({ ctx, input }) => {
      const file = await ctx.db.messageAttachment.findFirst({
        where: { id: input.id, conversation: visibleConversations(ctx.caller) },
        select: { id: true, conversationId: true, messageId: true, fileName: true, contentType: true, bytes: true, createdAt: true },
      });
      if (!file) throw new TRPCError({ code: "NOT_FOUND", message: `attachment ${input.id} not found` });
      await recordSensitiveRead(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: "attachment.read",
        target: { type: "attachment", id: file.id },
        details: { conversationId: file.conversationId, fileName: file.fileName },
      });
      return file;
    }),
});
