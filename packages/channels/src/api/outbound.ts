import type { OutboundText } from "../output";

/** What Parley posts to a custom channel's callback URL for one bot or agent message. */
export interface ApiOutboundMessage {
  /** The Parley message id: the same on every retry (also in the Idempotency-Key header). */
  id: string;
  type: "message";
  /** The integration's own thread id, as it posted it. */
  conversation: string;
  text: string;
  /** The options the bot offers (quick replies); the integration shows them as it can. */
  options?: string[];
  createdAt: string;
}

/** One stored message as the callback's JSON body. */
export function apiOutboundMessage(message: { id: string; createdAt: Date }, output: OutboundText, conversation: string): ApiOutboundMessage {
  const options = [...(output.quickReplies ?? [])];
  return { id: message.id, type: "message", conversation, text: output.text, ...(options.length > 0 ? { options } : {}), createdAt: message.createdAt.toISOString() };
}

/** The header an API channel's requests are signed in, both ways (`t=<unix>,v1=<hex>`). */
export const API_SIGNATURE_HEADER = "x-parley-signature";

/** The thread id of a conversation, as remembered in the channel's message refs. */
export const apiThreadRef = (thread: string) => `thread:${thread}`;
export const apiMessageRef = (messageId: string) => `message:${messageId}`;
