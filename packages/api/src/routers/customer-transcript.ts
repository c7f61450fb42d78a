import { TRPCError } from "@trpc/server";
import type { MessageMeta } from "@parley/workflows";
import type { ApiServices } from "../context";
import type { Caller } from "../auth/caller";
import { visibleConversations } from "../auth/conversation-scope";

/**
 * What the customer sees after message `afterSeq`: their own, the bot's and agents' messages (no
 * internal system notes). The web chat polls it while a person has the conversation.
 */
export async function customerTranscript(ctx: ApiServices & { caller: Caller }, conversationId: string, afterSeq: number) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id: conversationId, ...visibleConversations(ctx.caller) },
    select: { status: true, channel: true },
  });
  if (!conversation) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${conversationId} not found` });
  const messages = await ctx.db.message.findMany({
    where: { conversationId, seq: { gt: afterSeq }, author: { in: ["bot", "agent", "contact"] } },
    orderBy: { seq: "asc" },
    take: 200,
  });
  // A person's reply carries their display name: the customer knows who is helping them.
  const agentIds = [...new Set(messages.flatMap((message) => (message.author === "agent" && message.authorId ? [message.authorId] : [])))];
  const agents = agentIds.length > 0 ? await ctx.db.user.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } }) : [];
  const agentNames = new Map(agents.map((agent) => [agent.id, agent.name]));
  // The customer's own files (sent from the widget or by email), for their transcript to show.
  const contactIds = messages.flatMap((message) => (message.author === "contact" ? [message.id] : []));
  const files =
    contactIds.length > 0
      ? await ctx.db.messageAttachment.findMany({ where: { conversationId, messageId: { in: contactIds } }, select: { id: true, messageId: true, fileName: true, contentType: true, bytes: true }, orderBy: { createdAt: "asc" } })
      : [];
  return {
    status: conversation.status,
    /** Where the conversation goes on: `email` once the customer moved it there ("Continue by email"). */
    channel: conversation.channel,
    messages: messages.map((message) => ({
      id: message.id,
      seq: message.seq,
      author: message.author,
      authorName: message.author === "agent" && message.authorId ? (agentNames.get(message.authorId) ?? null) : null,
      text: message.text,
      meta: (message.meta as MessageMeta | null) ?? null,
      ...(message.author === "contact" ? { attachments: files.filter((file) => file.messageId === message.id).map(({ messageId: _message, ...file }) => file) } : {}),
      createdAt: message.createdAt.toISOString(),
    })),
  };
}
