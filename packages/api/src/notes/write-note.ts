import { TRPCError } from "@trpc/server";
import type { Db } from "@parley/db";

/** How much of a note a notification quotes. */
const QUOTE_LENGTH = 140;

export interface NewNote {
  /** Chosen by the caller when a workflow signal names the note before it is stored (a whisper). */
  id?: string;
  workspaceId: string;
  conversationId: string;
  author: { id: string; name: string };
  kind: "note" | "whisper";
  text: string;
  /** User ids mentioned with @; a whisper's agent is notified as if mentioned. */
  mentions: string[];
  recipientId?: string;
}

/**
 * The people a note may mention: active members of the workspace who work conversations. An id
 * that is not one of them is refused (nothing is stored), so a typo never notifies a stranger.
 */
async function mentionable(db: Db, workspaceId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  const members = await db.member.findMany({
    where: { workspaceId, userId: { in: userIds }, deactivatedAt: null, role: { not: "analyst" } },
    select: { user: { select: { id: true, name: true } } },
  });
  const unknown = userIds.filter((id) => !members.some((member) => member.user.id === id));
  if (unknown.length > 0) throw new TRPCError({ code: "BAD_REQUEST", message: `cannot mention ${unknown.join(", ")}: not a member who works conversations` });
  return members.map((member) => member.user);
}

const quote = (text: string) => (text.length > QUOTE_LENGTH ? `${text.slice(0, QUOTE_LENGTH - 1)}…` : text);

/**
 * Stores a private note and notifies each person it mentions (never the author), in one
 * transaction: a note is never stored without its notifications or the other way round.
 * Notification ids derive from the note, so each mentioned person gets exactly one.
 */
export async function writeNote(db: Db, note: NewNote) {
  const people = await mentionable(db, note.workspaceId, [...new Set(note.mentions)]);
  const notified = people.filter((person) => person.id !== note.author.id);
  const createdAt = new Date();
  return db.$transaction(async (tx) => {
    const stored = await tx.conversationNote.create({
      data: {
        ...(note.id ? { id: note.id } : {}),
        workspaceId: note.workspaceId,
        conversationId: note.conversationId,
        authorId: note.author.id,
        kind: note.kind,
        recipientId: note.recipientId ?? null,
        text: note.text,
        mentions: people.map((person) => person.id),
        createdAt,
      },
    });
    const verb = note.kind === "whisper" ? "whispered" : "mentioned you";
    for (const person of notified) {
      await tx.notification.create({
        data: {
          id: `${note.kind}-${stored.id}-${person.id}`,
          workspaceId: note.workspaceId,
          conversationId: note.conversationId,
          recipientId: person.id,
          level: note.kind === "whisper" ? "whisper" : "mention",
          message: `${note.author.name} ${verb}: ${quote(note.text)}`,
          createdAt,
        },
      });
    }
    return { id: stored.id, mentioned: people };
  });
}
