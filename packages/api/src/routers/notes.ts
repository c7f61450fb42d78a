import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { Prisma } from "@parley/db";
import { router } from "../trpc";
import { personProcedure } from "../procedures";
import type { UserCaller } from "../auth/caller";
import { auditRequest } from "../auth/caller";
import { recordAudit } from "../auth/audit";
import { visibleConversations } from "../auth/conversation-scope";
import { SEES_ALL_CONVERSATIONS } from "../auth/roles";
import { idSchema, messageTextSchema } from "../inputs";
import type { ApiServices } from "../context";
import { writeNote } from "../notes/write-note";

type PersonContext = ApiServices & { caller: UserCaller };

/** The conversation, if the caller may see it (NOT_FOUND otherwise, as everywhere). Any status: notes outlive the chat. */
export async function visibleConversation(ctx: PersonContext, conversationId: string) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id: conversationId, ...visibleConversations(ctx.caller) },
    select: { id: true, status: true, assigneeId: true, workflowId: true },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${conversationId} not found` });
  return conversation;
}

/** Whispers are for the agent they were sent to and the supervisors; notes for everyone who sees the conversation. */
function readableNotes(caller: UserCaller): Prisma.ConversationNoteWhereInput {
  if (SEES_ALL_CONVERSATIONS.has(caller.role)) return {};
  return { OR: [{ kind: "note" }, { kind: "whisper", recipientId: caller.userId }] };
}

/**
 * Private notes: the staff's side of a conversation. Stored apart from the messages (see the
 * ConversationNote model), so they never reach the customer, the workflow or the AI, and written
 * directly rather than through the workflow: a note on a resolved conversation works too.
 */
export const notesRouter = router({
  list: personProcedure("conversations:read")
    .input(z.object({ conversationId: idSchema }))
    .query(async ({ ctx, input }) => {
      await visibleConversation(ctx, input.conversationId);
      const notes = await ctx.db.conversationNote.findMany({
        where: { conversationId: input.conversationId, ...readableNotes(ctx.caller) },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: 500,
      });
      const ids = [...new Set(notes.flatMap((note) => [note.authorId, ...(note.recipientId ? [note.recipientId] : []), ...asIds(note.mentions)]))];
      const users = await ctx.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
      const person = (id: string) => ({ id, name: users.find((user) => user.id === id)?.name ?? "Former member" });
      return notes.map((note) => ({
        id: note.id,
        kind: note.kind,
        text: note.text,
        author: person(note.authorId),
        recipient: note.recipientId ? person(note.recipientId) : null,
        mentions: asIds(note.mentions).map(person),
        createdAt: note.createdAt.toISOString(),
      }));
    }),

  /** A note by the signed-in person; each @mentioned member is notified. */
  add: personProcedure("conversations:work")
    .input(z.object({ conversationId: idSchema, text: messageTextSchema, mentions: z.array(idSchema).max(20).default([]) }))
    .mutation(async ({ ctx, input }) => {
      await visibleConversation(ctx, input.conversationId);
      const note = await writeNote(ctx.db, {
        workspaceId: ctx.caller.workspaceId,
        conversationId: input.conversationId,
        author: { id: ctx.caller.userId, name: ctx.caller.name },
        kind: "note",
        text: input.text,
        mentions: input.mentions,
      });
      await recordAudit(ctx.db, auditRequest(ctx), {
        workspaceId: ctx.caller.workspaceId,
        actor: ctx.actor,
        action: "conversation.note_add",
        target: { type: "conversation", id: input.conversationId },
        details: { noteId: note.id, mentions: note.mentioned.map((person) => person.id) },
      });
      return { id: note.id };
    }),
});

function asIds(value: Prisma.JsonValue | null): string[] {
  return Array.isArray(value) ? value.filter((id): id is string => typeof id === "string") : [];
}
