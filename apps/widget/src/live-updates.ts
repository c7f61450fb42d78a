import type { Status, WidgetApi, WidgetMessage } from "./api";

/** Agents' replies are pushed (server-sent events); after this many failed connections in a row... */
const STREAM_ATTEMPTS = 3;
/** ...the widget polls instead: every 1.5 s while a person has the conversation... */
const HANDOFF_POLL_MS = 1500;
/** ...and slowly while the bot has it: an agent may write alongside the bot. */
const BOT_POLL_MS = 5000;
/** A dropped stream reconnects after this (more after each failure), resuming after the last seen message. */
const RECONNECT_MS = 1000;

/** Only an active conversation (bot or person) has more to hear; an ended one does not. */
export function isLive(status: Status | null): boolean {
  return status === "active" || status === "handoff";
}

/** What the live updates read from the conversation they follow, and hand back to it. */
export interface Followed {
  /** The conversation and its token; null before it has started. */
  session(): { conversationId: string; token: string } | null;
  status(): Status | null;
  lastSeq(): number;
  /** A send in flight answers with a newer status than a read that began before it finished. */
  sending(): boolean;
  /** Takes in what arrived (messages, status, the channel it moved to). */
  merge(messages: WidgetMessage[], status: Status, channel?: string): void;
  draw(): void;
}

/**
 * Agents' replies while the conversation is live: one server-sent events stream, reconnected
 * after a drop (resuming after the last seen message, so nothing is missed), and polling only
 * once streaming has failed several times in a row.
 */
export class LiveUpdates {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The open stream's abort switch; undefined while none is open. */
  private stream: AbortController | undefined;
  private streamFailures = 0;

  constructor(
    private readonly api: WidgetApi,
    private readonly conversation: Followed,
  ) {}

  /** Stops listening: the conversation ended or is being left. */
  stop(): void {
    clearTimeout(this.timer);
    this.stream?.abort();
    this.stream = undefined;
  }

  /** Keeps one stream open while the conversation is live; polls once streaming has failed repeatedly. */
  follow(): void {
    const session = this.conversation.session();
    if (!isLive(this.conversation.status()) || !session) return this.stop();
    if (this.streamFailures >= STREAM_ATTEMPTS) return this.schedulePoll();
    if (this.stream) return;
    const stream = (this.stream = new AbortController());
    this.api
      .stream(session.conversationId, session.token, this.conversation.lastSeq(), stream.signal, (transcript) => {
        this.streamFailures = 0;
        // An event read before a send finished must not overwrite the status the send's answer brings.
        const status = this.conversation.sending() ? (this.conversation.status() ?? transcript.status) : transcript.status;
        this.conversation.merge(transcript.messages, status, transcript.channel);
        this.conversation.draw();
      })
      .catch(() => {
        if (!stream.signal.aborted) this.streamFailures += 1;
      })
      .finally(() => {
        if (this.stream !== stream || stream.signal.aborted) return;
        this.stream = undefined;
        // Ended by the server (it restarts) or dropped: reconnect, resuming after the last seen message.
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.follow(), RECONNECT_MS * (1 + this.streamFailures));
      });
  }

  private schedulePoll(): void {
    clearTimeout(this.timer);
    const status = this.conversation.status();
    if (!isLive(status)) return;
    this.timer = setTimeout(() => void this.poll(), status === "handoff" ? HANDOFF_POLL_MS : BOT_POLL_MS);
  }

  private async poll(): Promise<void> {
    const session = this.conversation.session();
    // A send in flight answers with a newer status than a poll that began before it.
    if (!this.conversation.sending() && session) {
      try {
        const since = await this.api.since(session.conversationId, session.token, this.conversation.lastSeq());
        if (!this.conversation.sending()) this.conversation.merge(since.messages, since.status, since.channel);
        this.conversation.draw();
      } catch {
        // A dropped connection: the next poll tries again.
      }
    }
    this.follow();
  }
}
