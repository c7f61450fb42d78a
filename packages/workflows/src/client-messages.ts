import type { RememberedClientMessage, TurnResult } from "./contracts";

/**
 * How many client message ids a conversation remembers. A sender resends only its latest
 * messages (the ones whose answer it did not get), so a short memory is enough, and it keeps the
 * continue-as-new checkpoint small.
 */
export const REMEMBERED_CLIENT_MESSAGES = 20;

/**
 * A short, stable fingerprint of a message's words (FNV-1a, 32 bits, over the trimmed text).
 * Pure and deterministic: the workflow computes it in its validator and the API for the result
 * Temporal returned, so both can tell "the same message again" from "an id reused for other words".
 */
export function messageFingerprint(text: string): string {
  let hash = 0x811c9dc5;
  const trimmed = text.trim();
  for (let i = 0; i < trimmed.length; i++) {
    hash ^= trimmed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${trimmed.length.toString(36)}-${hash.toString(36)}`;
}

/**
 * The conversation's memory of client message ids: Temporal de-duplicates an update id within
 * one run only, so a resend that reaches the next run after a continue-as-new is answered from
 * here with the replies the first one got.
 */
export class ClientMessages {
  private readonly remembered: RememberedClientMessage[];

  constructor(carried: readonly RememberedClientMessage[] = []) {
    this.remembered = carried.slice(-REMEMBERED_CLIENT_MESSAGES);
  }

  find(clientMessageId: string | undefined): RememberedClientMessage | undefined {
    if (!clientMessageId) return undefined;
    return this.remembered.find((message) => message.clientMessageId === clientMessageId);
  }

  remember(clientMessageId: string | undefined, fingerprint: string, result: TurnResult): void {
    if (!clientMessageId || this.find(clientMessageId)) return;
    this.remembered.push({ clientMessageId, fingerprint, result });
    if (this.remembered.length > REMEMBERED_CLIENT_MESSAGES) this.remembered.shift();
  }

  /** What a continue-as-new carries (undefined when there is nothing, so old checkpoints stay as they were). */
  get checkpoint(): RememberedClientMessage[] | undefined {
    return this.remembered.length > 0 ? [...this.remembered] : undefined;
  }
}
