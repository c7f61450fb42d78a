import { WidgetApiError, type Sent, type Status, type Turn, type WidgetApi, type WidgetMessage } from "./api";
import { FileUrls, pendingFile, withKnownFiles } from "./files";
import { loadConversation, saveConversation, visitorId } from "./storage";
import type { WidgetView } from "./view";
import type { HandoverMedium } from "./handover";

/** Agents' replies are pushed (server-sent events); after this many failed connections in a row... */
const STREAM_ATTEMPTS = 3;
/** ...the widget polls instead: every 1.5 s while a person has the conversation... */
const HANDOFF_POLL_MS = 1500;
/** ...and slowly while the bot has it: an agent may write alongside the bot. */
const BOT_POLL_MS = 5000;
/** A dropped stream reconnects after this (more after each failure), resuming after the last seen message. */
const RECONNECT_MS = 1000;
/** A customer message not yet recorded shows under this id prefix. */
const LOCAL_PREFIX = "local-";

/**
 * The widget's state and its talk with the API: resume the saved conversation, start one when
 * the customer first opens the panel (after the pre-chat form if the channel asks for it), send,
 * follow the conversation's stream for agents' replies (polling only when streaming fails), and
 * count what arrived while the panel was closed.
 */
export class WidgetConversation {
  private messages = new Map<string, WidgetMessage>();
  private status: Status | null = null;
  private conversationId: string | null = null;
  private token: string | null = null;
  private readSeq = 0;
  private open = false;
  private sending = 0;
  private starting = false;
  private error: string | undefined;
  /** "Continue by email or SMS": the form is open, or where the conversation went on (then the widget only shows it). */
  private emailForm = false;
  private continuedOn: HandoverMedium | null = null;
  /** The pre-chat form's email, offered as the address to continue at. */
  private contactEmail = "";
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The open stream's abort switch; undefined while none is open. */
  private stream: AbortController | undefined;
  private streamFailures = 0;
  private view!: WidgetView;
  /** The customer's files as object URLs, read with the token. */
  readonly files = new FileUrls((fileId) => (this.conversationId && this.token ? this.api.file(this.conversationId, this.token, fileId) : Promise.reject(new Error("no conversation"))));
  /** Settles once the saved conversation is loaded (or found gone): nothing starts before it. */
  private resumed: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: WidgetApi,
    private readonly channel: string,
    private readonly preChatForm: boolean,
  ) {}

  attach(view: WidgetView): void {
    this.view = view;
  }

  /** Picks up this browser's conversation, if it has one that is still readable. */
  resume(): Promise<void> {
    this.resumed = this.load();
    return this.resumed;
  }

  private async load(): Promise<void> {
    const saved = loadConversation(this.channel);
    if (!saved) return;
    try {
      const resumed = await this.api.resume(saved.conversationId, saved.token);
      this.conversationId = saved.conversationId;
      this.token = resumed.token;
      this.readSeq = saved.readSeq;
      this.merge(resumed.messages, resumed.status, resumed.channel);
      this.save();
      this.follow();
    } catch (err) {
      // Expired token, deleted conversation or channel: start afresh next time the panel opens.
      if (err instanceof WidgetApiError && err.status < 500) saveConversation(this.channel, null);
    }
    this.draw();
  }

  toggle(): void {
    this.open = !this.open;
    this.view.setOpen(this.open);
    // Opening the panel reads everything in it.
    if (this.open) {
      this.readSeq = this.lastSeq();
      this.save();
    }
    if (this.open && !this.conversationId && !this.preChatForm) void this.start();
    this.draw();
  }

  async start(contact?: { name: string; email: string }): Promise<void> {
    if (this.starting || this.conversationId) return;
    this.starting = true;
    // A click that beats the resume after a reload must not open a second conversation.
    await this.resumed;
    if (this.conversationId) {
      this.starting = false;
      return this.draw();
    }
    this.error = undefined;
    this.contactEmail = contact?.email ?? "";
    try {
      const started = await this.api.start(visitorId(), contact);
      this.conversationId = started.conversationId;
      this.token = started.token;
      this.merge(started.replies, started.status);
      this.save();
      this.follow();
    } catch (err) {
      this.error = err instanceof Error ? err.message : "the chat could not start";
    } finally {
      this.starting = false;
      this.draw();
    }
  }

  /** Forgets the ended conversation and opens a new one (after the pre-chat form, if any). */
  restart(): void {
    this.unfollow();
    this.messages.clear();
    this.status = null;
    this.conversationId = null;
    this.token = null;
    this.readSeq = 0;
    this.error = undefined;
    this.emailForm = false;
    this.continuedOn = null;
    saveConversation(this.channel, null);
    if (this.preChatForm) this.draw();
    else void this.start();
  }

  send(text: string): Promise<void> {
    return this.deliver({ text }, (id, clientMessageId) => this.api.send(id, this.token!, text, clientMessageId));
  }

  /** The paperclip: the file goes as the customer's message, shown at once from the picked bytes (under an id of its own). */
  sendFile(file: File): Promise<void> {
    const pending = pendingFile(file, this.files, `${LOCAL_PREFIX}file-${Date.now().toString(36)}`);
    return this.deliver(pending, async (id, clientMessageId) => {
      const turn = await this.api.upload(id, this.token!, file, clientMessageId);
      for (const stored of turn.attachments) this.files.remember(stored.id, file);
      return { ...turn, sent: { text: pending.text, attachments: turn.attachments } };
    });
  }

  /** The conversation and its token, once it has started (the call button opens its socket with them). */
  async credentials(): Promise<{ conversationId: string; token: string } | null> {
    if (!this.conversationId && !this.preChatForm) await this.start();
    return this.conversationId && this.token ? { conversationId: this.conversationId, token: this.token } : null;
  }

  /** Shows the customer's message at once, sends it, then swaps in the recorded one and the bot's replies. */
  private async deliver(shown: Sent, post: (conversationId: string, clientMessageId: string) => Promise<Turn & { sent?: Sent }>): Promise<void> {
    if (!this.conversationId || !this.token) return;
    const clientMessageId = Math.random().toString(36).slice(2) + Date.now().toString(36);
    const localId = LOCAL_PREFIX + clientMessageId;
    this.messages.set(localId, { id: localId, seq: Number.MAX_SAFE_INTEGER, author: "contact", ...shown });
    this.sending += 1;
    this.error = undefined;
    this.draw();
    try {
      const turn = await post(this.conversationId, clientMessageId);
      this.messages.delete(localId);
      if (turn.accepted) this.put({ id: turn.accepted.id, seq: turn.accepted.seq, author: "contact", ...(turn.sent ?? shown) });
      this.merge(turn.replies, turn.status);
    } catch (err) {
      this.messages.delete(localId);
      this.error = err instanceof Error ? `Not sent: ${err.message}` : "Not sent";
    } finally {
      this.sending -= 1;
      this.draw();
    }
  }

  /** Says why a picked file was not sent (or a call not placed). */
  refuse(reason: string): void {
    this.error = reason;
    this.draw();
  }

  private put(message: WidgetMessage): void {
    this.messages.set(message.id, withKnownFiles(this.messages.get(message.id), message));
  }

  /** Opens or closes the "Continue by email" form. */
  toggleEmailForm(open: boolean): void {
    this.emailForm = open;
    this.error = undefined;
    this.draw();
  }

  /** Moves the conversation to email or SMS: the bot's and agents' next words arrive there. */
  async continueOn(medium: HandoverMedium, address: string): Promise<void> {
    if (!this.conversationId || !this.token) return;
    this.sending += 1;
    this.error = undefined;
    this.draw();
    try {
      await this.api.continueOn(this.conversationId, this.token, medium, address);
      this.continuedOn = medium;
      this.emailForm = false;
      const since = await this.api.since(this.conversationId, this.token, this.lastSeq());
      this.merge(since.messages, since.status, since.channel);
    } catch (err) {
      this.error = err instanceof Error ? err.message : `could not continue by ${medium === "email" ? "email" : "SMS"}`;
    } finally {
      this.sending -= 1;
      this.draw();
    }
  }

  private merge(messages: WidgetMessage[], status: Status, channel?: string): void {
    for (const message of messages) this.put(message);
    this.status = status;
    if (channel === "email") this.continuedOn = "email";
    else if (channel === "sms" || channel === "whatsapp") this.continuedOn = "sms";
    if (this.open) this.readSeq = this.lastSeq();
    this.save();
    // An ended conversation has nothing more to hear.
    if (!this.following) this.unfollow();
  }

  private lastSeq(): number {
    let last = 0;
    for (const message of this.messages.values()) if (!message.id.startsWith(LOCAL_PREFIX)) last = Math.max(last, message.seq);
    return last;
  }

  private save(): void {
    if (this.conversationId && this.token) saveConversation(this.channel, { conversationId: this.conversationId, token: this.token, readSeq: this.readSeq });
  }

  private get following(): boolean {
    return this.status === "active" || this.status === "handoff";
  }

  private unfollow(): void {
    clearTimeout(this.timer);
    this.stream?.abort();
    this.stream = undefined;
  }

  /** Keeps one stream open while the conversation is; polls once streaming has failed repeatedly. */
  private follow(): void {
    if (!this.following || !this.conversationId || !this.token) return this.unfollow();
    if (this.streamFailures >= STREAM_ATTEMPTS) return this.schedulePoll();
    if (this.stream) return;
    const stream = (this.stream = new AbortController());
    const conversationId = this.conversationId;
    this.api
      .stream(conversationId, this.token, this.lastSeq(), stream.signal, (transcript) => {
        this.streamFailures = 0;
        for (const message of transcript.messages) this.put(message);
        // A send in flight answers with a newer status than an event read before it finished.
        this.merge([], this.sending === 0 ? transcript.status : (this.status ?? transcript.status), transcript.channel);
        this.draw();
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
    if (!this.following) return;
    this.timer = setTimeout(() => void this.poll(), this.status === "handoff" ? HANDOFF_POLL_MS : BOT_POLL_MS);
  }

  private async poll(): Promise<void> {
    // A send in flight answers with a newer status than a poll that began before it.
    if (this.sending === 0 && this.conversationId && this.token) {
      try {
        const since = await this.api.since(this.conversationId, this.token, this.lastSeq());
        if (this.sending === 0) this.merge(since.messages, since.status, since.channel);
        this.draw();
      } catch {
        // A dropped connection: the next poll tries again.
      }
    }
    this.follow();
  }

  private draw(): void {
    const sorted = [...this.messages.values()].sort((a, b) => a.seq - b.seq);
    const unread = this.open ? 0 : sorted.filter((message) => (message.author === "bot" || message.author === "agent") && message.seq > this.readSeq).length;
    this.view.setUnread(unread);
    if (this.open && !this.conversationId && this.preChatForm && !this.starting) return this.view.showForm(this.error);
    this.view.render(sorted, this.status, this.sending > 0 || this.starting, this.error, { formOpen: this.emailForm, continued: this.continuedOn, prefill: { email: this.contactEmail, phone: "" } });
  }
}
