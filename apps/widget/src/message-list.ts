import type { Sent, WidgetMessage } from "./api";
import { withKnownFiles } from "./files";

/** A customer message not yet recorded shows under this id prefix. */
export const LOCAL_PREFIX = "local-";

/**
 * The messages the panel shows, by id: the recorded ones (which arrive again from the stream, a
 * poll or a send's answer, so they are keyed rather than appended) and the customer's messages
 * still on their way, under local ids that never count as read or seen.
 */
export class MessageList {
  private readonly byId = new Map<string, WidgetMessage>();

  /** Adds or replaces a recorded message, keeping the file URLs an earlier copy of it already had. */
  put(message: WidgetMessage): void {
    this.byId.set(message.id, withKnownFiles(this.byId.get(message.id), message));
  }

  /** Shows the customer's message at once, last (until the recorded one replaces it); returns its local id. */
  showPending(clientMessageId: string, shown: Sent): string {
    const localId = LOCAL_PREFIX + clientMessageId;
    this.byId.set(localId, { id: localId, seq: Number.MAX_SAFE_INTEGER, author: "contact", ...shown });
    return localId;
  }

  remove(id: string): void {
    this.byId.delete(id);
  }

  clear(): void {
    this.byId.clear();
  }

  /** The last recorded message's seq: what the stream and polls resume after, and how far the customer has read. */
  lastSeq(): number {
    let last = 0;
    for (const message of this.byId.values()) if (!message.id.startsWith(LOCAL_PREFIX)) last = Math.max(last, message.seq);
    return last;
  }

  /** In conversation order (messages still on their way last). */
  sorted(): WidgetMessage[] {
    return [...this.byId.values()].sort((a, b) => a.seq - b.seq);
  }
}
