/**
 * The web chat's own message list: what `start`/`send` returned, what `messagesSince` polled,
 * and the customer's messages echoed locally before the server numbered them. Pure functions, so
 * the widget's bookkeeping (dedupe, ordering, reconciling echoes, which quick replies are on
 * offer) is tested on its own.
 */

import { quickRepliesOf, type MessageMeta } from './message-meta';

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
  /** Quick replies, an attachment, a spoken variant (bot messages). */
  meta?: MessageMeta;
  /** The teammate who wrote an agent message, as customers see them named. */
  authorName?: string;
  failed?: boolean;
}

/** A message as the API returns it (`send`/`start` replies, `messagesSince`). */
export interface ServerMessage {
  id: string;
  seq: number;
  author: string;
  text: string;
  meta?: MessageMeta | null;
  authorName?: string | null;
  createdAt: string;
}

/** The customer's own message as the server recorded it (`send` returns it as `accepted`). */
export interface AcceptedMessage {
  id: string;
  seq: number;
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
 * Adds server messages to the list: each one once (by id and by seq), internal notes never. A
 * customer message normally finds its local echo by the id `send` returned (`acceptEcho`); only
 * when a poll brings the stored copy back before `send` has answered does it take the place of an
 * echo by text (same text, not yet numbered, oldest first) instead of appearing twice.
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
      ...(message.meta && Object.keys(message.meta).length > 0 ? { meta: message.meta } : {}),
      ...(message.authorName ? { authorName: message.authorName } : {}),
    });
  }
  if (!changed) return messages as ChatMessage[];
  return sortByOrder(next);
}

/**
 * Numbers a local echo with what `send` says was recorded (`accepted`): the exact match, so a
 * later poll's copy is recognised by id and seq, whatever its text. If a poll already brought
 * that message in (and it replaced the echo or sits next to it), the echo just goes away; if the
 * echo was taken by another message of the same text, the accepted one is added back.
 */
export function acceptEcho(
  messages: readonly ChatMessage[],
  echo: Pick<ChatMessage, 'id' | 'text' | 'createdAt'>,
  accepted: AcceptedMessage,
): ChatMessage[] {
  const index = messages.findIndex((m) => m.id === echo.id);
  const stored = messages.some((m) => m.id === accepted.id || m.seq === accepted.seq);
  if (stored) return index >= 0 ? messages.filter((_, i) => i !== index) : (messages as ChatMessage[]);
  const numbered: ChatMessage = {
    id: accepted.id,
    seq: accepted.seq,
    order: accepted.seq,
    author: 'contact',
    text: echo.text,
    createdAt: index >= 0 ? messages[index]!.createdAt : echo.createdAt,
  };
  const next = index >= 0 ? messages.map((m, i) => (i === index ? numbered : m)) : [...messages, numbered];
  return sortByOrder(next);
}

/** Quick replies the customer can pick right now, and the bot message that offered them. */
export interface QuickReplyOffer {
  messageId: string;
  options: string[];
}

/**
 * The quick replies on offer: those of the newest bot message that has some, among the bot's
 * messages since the customer last wrote (a greeting with buttons followed by a question still
 * offers them). Nothing once the customer has answered (even a local echo counts; a message that
 * failed to send does not) or when an agent has written since.
 */
export function quickReplyOffer(messages: readonly ChatMessage[]): QuickReplyOffer | null {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.author === 'contact' && message.failed) continue;
    if (message.author !== 'bot') return null;
    const options = quickRepliesOf(message.meta);
    if (options.length > 0) return { messageId: message.id, options };
  }
  return null;
}

// Array.prototype.sort is stable: echoes sent one after another keep their order.
function sortByOrder(messages: ChatMessage[]): ChatMessage[] {
  return messages.sort((a, b) => a.order - b.order);
}
