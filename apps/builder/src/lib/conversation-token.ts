/**
 * A customer's conversation token travels with that conversation's calls only: the API refuses a
 * call whose token names another conversation, so it cannot ride along in a shared batch. A call
 * passes it as `{ context: { conversationToken } }` and the client sends it as this header on an
 * unbatched request (components/Providers.tsx).
 */
export const CONVERSATION_TOKEN_HEADER = 'x-parley-conversation-token';

export function tokenContext(token: string | null | undefined): { context: { conversationToken?: string } } {
  return { context: token ? { conversationToken: token } : {} };
}

export function conversationTokenOf(context: Record<string, unknown>): string | undefined {
  const token = context.conversationToken;
  return typeof token === 'string' ? token : undefined;
}
