/**
 * The web chat's own message list: what `start`/`send` returned, what `messagesSince` polled,
 * and the customer's messages echoed locally before the server numbered them. Pure functions, so
 * the widget's bookkeeping (dedupe, ordering, reconciling echoes) is tested on its own.
 */

export type ChatAuthor = 'contact' | 'bot' | 'agent';

export interface ChatMessage {
  id: string;
  /** The server's number for the message; null for a local echo not yet seen on the server. */
  seq: number | null;
  /** Sort key: `seq` once known, else just after the newest numbered message at send time. */
  order: number;
  author: ChatAuthor;
  text: string;
  createdAt: string;
  failed?: boolean;
}

/** A message as the API returns it (`send`/`start` replies, `messagesSince`). */
export interface ServerMessage {
  id: string;
  seq: number;
  author: string;
  text: string;
  createdAt: string;
}

const shown = new Set<string>(['contact', 'bot', 'agent']);
const isChatAuthor = (author: string): author is ChatAuthor => shown.has(author);

/** The highest server seq in the list (0 when none): where `messagesSince` continues from. */
export function highestSeq(messages: readonly ChatMessage[]): number {
  let max = 0;
  for (const message of messages) if (message.seq !== null && message.seq > max) max = message.seq;
  return max;
}

/** A customer's message shown at once, placed after everything numbered so far. */
export function localEcho(messages: readonly ChatMessage[], id: string, text: string, createdAt: string): ChatMessage {
  return { id, seq: null, order: highestSeq(messages) + 0.5, author: 'contact', text, createdAt };
}

/**
 * Adds server messages to the list: each one once (by id and by seq), internal notes never, and a
 * customer message from the server takes the place of its local echo (same text, not yet
 * numbered, oldest first) instead of appearing twice.
 */
export function mergeMessages(messages: readonly ChatMessage[], incoming: readonly ServerMessage[]): ChatMessage[] {
  const next = [...messages];
  let changed = false;
  for (const message of incoming) {
    if (!isChatAuthor(message.author)) continue;
    if (next.some((m) => m.id === message.id || m.seq === message.seq)) continue;
    changed = true;
    if (message.author === 'contact') {
      const echo = next.findIndex((m) => m.seq === null && m.author === 'contact' && m.text === message.text);
      if (echo >= 0) {
        next[echo] = { ...next[echo]!, id: message.id, seq: message.seq, order: message.seq, failed: false };
        continue;
      }
    }
    next.push({
      id: message.id,
      seq: message.seq,
      order: message.seq,
      author: message.author,
      text: message.text,
      createdAt: message.createdAt,
    });
  }
  if (!changed) return messages as ChatMessage[];
  // Array.prototype.sort is stable: echoes sent one after another keep their order.
  return next.sort((a, b) => a.order - b.order);
}
