/**
 * What survives a reload, per channel, in the host page's localStorage: the conversation and its
 * customer token (so the same conversation resumes), and how far the customer has read (the
 * unread badge). A browser that refuses storage (private mode, blocked) just starts afresh.
 */
export interface SavedConversation {
  conversationId: string;
  token: string;
  readSeq: number;
}

const key = (channel: string) => `parley-widget:${channel}`;

export function loadConversation(channel: string): SavedConversation | null {
  try {
    const saved = JSON.parse(localStorage.getItem(key(channel)) ?? "null") as Partial<SavedConversation> | null;
    if (saved && typeof saved.conversationId === "string" && typeof saved.token === "string") {
      return { conversationId: saved.conversationId, token: saved.token, readSeq: typeof saved.readSeq === "number" ? saved.readSeq : 0 };
    }
  } catch {
    // unreadable: start afresh
  }
  return null;
}

export function saveConversation(channel: string, saved: SavedConversation | null): void {
  try {
    if (saved) localStorage.setItem(key(channel), JSON.stringify(saved));
    else localStorage.removeItem(key(channel));
  } catch {
    // storage refused: the conversation lasts as long as the page
  }
}

const visitorKey = "parley-widget:visitor";

/**
 * This browser's visitor id, made once and kept for every widget of the host page: Parley links
 * each conversation started with it to the same contact. Without storage, a new one per page.
 */
export function visitorId(): string {
  const made = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, "0")).join("");
  try {
    const saved = localStorage.getItem(visitorKey);
    if (saved && /^[A-Za-z0-9_-]{16,64}$/.test(saved)) return saved;
    const id = made();
    localStorage.setItem(visitorKey, id);
    return id;
  } catch {
    return made();
  }
}
