import type { Db } from "@parley/db";
import { visibleConversations } from "../auth/conversation-scope";
import type { Caller } from "../auth/caller";
import { storedAttributes } from "./attributes";

/** How many of a contact's conversations the timeline shows, newest first. */
export const TIMELINE_LENGTH = 100;

/** Everything the contact page (and the REST API's contact) shows about one person. */
export async function contactDetail(db: Db, caller: Caller, contactId: string) {
  const contact = await db.contact.findFirst({
    where: { id: contactId, workspaceId: caller.workspaceId },
    select: {
      id: true,
      name: true,
      email: true,
      phone: true,
      attributes: true,
      createdAt: true,
      identities: { orderBy: [{ kind: "asc" }, { createdAt: "asc" }], select: { kind: true, value: true, createdAt: true } },
    },
  });
  if (!contact) return null;
  return {
    ...contact,
    attributes: storedAttributes(contact.attributes),
    createdAt: contact.createdAt.toISOString(),
    identities: contact.identities.map((identity) => ({ ...identity, createdAt: identity.createdAt.toISOString() })),
    conversations: await contactTimeline(db, caller, contactId),
  };
}

/**
 * The contact's conversations on every channel that the caller may open (an agent: theirs and
 * the queue's, as in the inbox), newest first, each with its last message and rating.
 */
export async function contactTimeline(db: Db, caller: Caller, contactId: string, exceptConversationId?: string) {
  const rows = await db.conversation.findMany({
    where: { contactId, ...visibleConversations(caller), ...(exceptConversationId ? { id: { not: exceptConversationId } } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: TIMELINE_LENGTH,
    select: {
      id: true,
      channel: true,
      status: true,
      createdAt: true,
      lastMessageAt: true,
      csatScore: true,
      csatScale: true,
      workspaceChannel: { select: { name: true } },
      flowVersion: { select: { flow: { select: { name: true } } } },
      messages: { orderBy: { seq: "desc" }, take: 1, select: { author: true, text: true } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    channel: row.channel,
    /** The configured channel it came through (a web widget's name), when one did. */
    channelName: row.workspaceChannel?.name ?? null,
    flowName: row.flowVersion.flow.name,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    lastMessageAt: row.lastMessageAt?.toISOString() ?? null,
    lastMessage: row.messages[0] ? { author: row.messages[0].author, text: row.messages[0].text } : null,
    csat: row.csatScore !== null && row.csatScale ? { score: row.csatScore, scale: row.csatScale } : null,
  }));
}

export type ContactDetail = NonNullable<Awaited<ReturnType<typeof contactDetail>>>;
