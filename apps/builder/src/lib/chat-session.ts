/**
 * The customer's conversation per flow, kept in this browser (localStorage) so a reload resumes
 * it (`conversations.resume`) instead of starting anew. The token is the customer's only proof
 * that the conversation is theirs; it is replaced by the fresh one every resume hands out.
 */
export interface StoredChat {
  conversationId: string;
  token: string;
}

const key = (flowId: string) => `parley.chat.${flowId}`;

function isStoredChat(value: unknown): value is StoredChat {
  if (!value || typeof value !== 'object') return false;
  const { conversationId, token } = value as Record<string, unknown>;
  return typeof conversationId === 'string' && conversationId.length > 0 && typeof token === 'string' && token.length > 0;
}

export function readChat(storage: Storage | undefined, flowId: string): StoredChat | null {
  try {
    const raw = storage?.getItem(key(flowId));
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    return isStoredChat(parsed) ? { conversationId: parsed.conversationId, token: parsed.token } : null;
  } catch {
    return null; // storage disabled or a damaged entry: start fresh
  }
}

export function writeChat(storage: Storage | undefined, flowId: string, chat: StoredChat): void {
  try {
    storage?.setItem(key(flowId), JSON.stringify(chat));
  } catch {
    // not remembered: this page still works, a reload starts anew
  }
}

export function forgetChat(storage: Storage | undefined, flowId: string): void {
  try {
    storage?.removeItem(key(flowId));
  } catch {
    // nothing to forget
  }
}

/** The page's localStorage, when there is one (not during server rendering, not when disabled). */
export function browserStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}
