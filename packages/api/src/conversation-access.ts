import { TRPCError } from "@trpc/server";
import { LruCache } from "@parley/ai";
import type { ApiServices } from "./context";

/**
 * Conversation id → its workspace. A conversation never changes workspace, so an answer once read
 * stays true: later messages of the conversation cost no database read on their way to Temporal.
 */
const workspaceOf = new LruCache<string, string>(100_000);

/** Remembers a conversation the API has just opened (its first message then skips the read too). */
export function rememberConversation(conversationId: string, workspaceId: string): void {
  workspaceOf.set(conversationId, workspaceId);
}

/**
 * The workflow id of a conversation of the caller's workspace (the conversation's id, by design);
 * NOT_FOUND for another workspace's or an unknown one. Whether it is still open is the workflow's
 * to say: its update validator refuses messages to a conversation that has ended.
 */
export async function conversationWorkflowId(ctx: ApiServices & { workspaceId: string }, conversationId: string): Promise<string> {
  let workspaceId = workspaceOf.get(conversationId);
  if (workspaceId === undefined) {
    const row = await ctx.db.conversation.findUnique({ where: { id: conversationId }, select: { workspaceId: true } });
    if (row) rememberConversation(conversationId, (workspaceId = row.workspaceId));
  }
  if (workspaceId !== ctx.workspaceId) {
    throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${conversationId} not found` });
  }
  return conversationId;
}
