import type { MessageAuthor, MessageMeta, TranscriptMessage } from "./contracts";

/**
 * The conversation's messages as the workflow knows them: numbers each one, remembers which are
 * not yet persisted, and answers "what did the bot say after message N".
 */
export class Transcript {
  private unsaved: TranscriptMessage[] = [];
  /** Unsaved messages not yet handed to a caller that stores them (handed-turns.ts). */
  private unhanded: TranscriptMessage[] = [];
  /** Recent messages only: updates ask about the current turn, the database keeps the rest. */
  private recent: TranscriptMessage[] = [];

  /** `lastSeq` continues the numbering of a previous run after continue-as-new. */
  constructor(
    private readonly conversationId: string,
    private lastSeq = 0,
  ) {}

  get seq(): number {
    return this.lastSeq;
  }

  add(author: MessageAuthor, text: string, authorId?: string, meta?: MessageMeta): TranscriptMessage {
    const seq = ++this.lastSeq;
    const message: TranscriptMessage = {
      id: `${this.conversationId}-${seq}`,
      seq,
      author,
      text,
      createdAt: new Date().toISOString(),
      ...(authorId ? { authorId } : {}),
      ...(meta && Object.keys(meta).length > 0 ? { meta } : {}),
    };
    this.unsaved.push(message);
    this.unhanded.push(message);
    this.recent.push(message);
    if (this.recent.length > 200) this.recent.splice(0, this.recent.length - 100);
    return message;
  }

  /** Hands out the messages to persist; they are forgotten only once the write succeeded. */
  takeUnsaved(): TranscriptMessage[] {
    const batch = this.unsaved;
    this.unsaved = [];
    this.unhanded = [];
    return batch;
  }

  /** Unsaved message ids, oldest first. */
  get unsavedIds(): string[] {
    return this.unsaved.map((message) => message.id);
  }

  get unhandedCount(): number {
    return this.unhanded.length;
  }

  /** The messages added since the last hand-over or save; they stay unsaved (the workflow stores them too, later). */
  takeUnhanded(): TranscriptMessage[] {
    const batch = this.unhanded;
    this.unhanded = [];
    return batch;
  }

  restoreUnsaved(batch: TranscriptMessage[]): void {
    this.unsaved = [...batch, ...this.unsaved];
  }

  /** The last `limit` messages between customer, bot and agents, oldest first (no system notes). */
  recentTurns(limit: number): { author: "contact" | "bot" | "agent"; text: string }[] {
    const turns: { author: "contact" | "bot" | "agent"; text: string }[] = [];
    for (let i = this.recent.length - 1; i >= 0 && turns.length < limit; i--) {
      const { author, text } = this.recent[i]!;
      if (author !== "system") turns.unshift({ author, text });
    }
    return turns;
  }

  /**
   * What the customer hears back after message `seq`: bot and agent messages up to the
   * customer's next message (that turn's reaction). System notes are for the inbox only.
   */
  repliesAfter(seq: number): TranscriptMessage[] {
    const replies: TranscriptMessage[] = [];
    for (const message of this.recent) {
      if (message.seq <= seq) continue;
      if (message.author === "contact") break;
      if (message.author === "bot" || message.author === "agent") replies.push(message);
    }
    return replies;
  }
}
