import { WidgetApiError, type Sent, type Status, type Turn, type WidgetApi, type WidgetMessage } from "./api";
import { FileUrls, pendingFile } from "./files";
import { loadConversation, saveConversation, visitorId } from "./storage";
import type { WidgetView } from "./view";
import type { HandoverMedium } from "./handover";
import { LOCAL_PREFIX, MessageList } from "./message-list";
import { isLive, LiveUpdates } from "./live-updates";

/**
 * The widget's state and its talk with the API: resume the saved conversation, start one when
 * the customer first opens the panel (after the pre-chat form if the channel asks for it), send,
 * and count what arrived while the panel was closed. The messages live in a `MessageList`; agents'
 * replies arrive through `LiveUpdates` (the stream, polling only when streaming fails).
 */
export class WidgetConversation {
  private readonly messages = new MessageList();
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
  private readonly live: LiveUpdates;
  private view!: WidgetView;
  /** The customer's files as object URLs, read with the token. */
  readonly files = new FileUrls((fileId) => (this.conversationId && this.token ? this.api.file(this.conversationId, this.token, fileId) : Promise.reject(new Error("no conversation"))));
  /** Settles once the saved conversation is loaded (or found gone): nothing starts before it. */
  private resumed: Promise<void> = Promise.resolve();

  constructor(
    private readonly api: WidgetApi,
    private readonly channel: string,
    private readonly preChatForm: boolean,
  ) {
    this.live = new LiveUpdates(api, {
      session: () => this.session(),
      status: () => this.status,
      lastSeq: () => this.messages.lastSeq(),
      sending: () => this.sending > 0,
      merge: (messages, status, channel) => this.merge(messages, status, channel),
      draw: () => this.draw(),
    });
  }

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
      this.live.follow();
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
      this.readSeq = this.messages.lastSeq();
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
      this.live.follow();
    } catch (err) {
      this.error = err instanceof Error ? err.message : "the chat could not start";
    } finally {
      this.starting = false;
      this.draw();
    }
  }

  /** Forgets the ended conversation and opens a new one (after the pre-chat form, if any). */
  restart(): void {
    this.live.stop();
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
    return this.session();
  }

  private session(): { conversationId: string; token: string } | null {
    return this.conversationId && this.token ? { conversationId: this.conversationId, token: this.token } : null;
  }

  /** Shows the customer's message at once, sends it, then swaps in the recorded one and the bot's replies. */
  private async deliver(shown: Sent, post: (conversationId: string, clientMessageId: string) => Promise<Turn & { sent?: Sent }>): Promise<void> {
    if (!this.conversationId || !this.token) return;
    const clientMessageId = Math.random().toString(36).slice(2) + Date.now().toString(36);
    const localId = this.messages.showPending(clientMessageId, shown);
    this.sending += 1;
    this.error = undefined;
    this.draw();
    try {
      const turn = await post(this.conversationId, clientMessageId);
      this.messages.remove(localId);
      if (turn.accepted) this.messages.put({ id: turn.accepted.id, seq: turn.accepted.seq, author: "contact", ...(turn.sent ?? shown) });
      this.merge(turn.replies, turn.status);
    } catch (err) {
      this.messages.remove(localId);
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
      const since = await this.api.since(this.conversationId, this.token, this.messages.lastSeq());
      this.merge(since.messages, since.status, since.channel);
    } catch (err) {
      this.error = err instanceof Error ? err.message : `could not continue by ${medium === "email" ? "email" : "SMS"}`;
    } finally {
      this.sending -= 1;
      this.draw();
    }
  }

  private merge(messages: WidgetMessage[], status: Status, channel?: string): void {
    for (const message of messages) this.messages.put(message);
    this.status = status;
    if (channel === "email") this.continuedOn = "email";
    else if (channel === "sms" || channel === "whatsapp") this.continuedOn = "sms";
    if (this.open) this.readSeq = this.messages.lastSeq();
    this.save();
    // An ended conversation has nothing more to hear.
    if (!isLive(this.status)) this.live.stop();
  }

  private save(): void {
    if (this.conversationId && this.token) saveConversation(this.channel, { conversationId: this.conversationId, token: this.token, readSeq: this.readSeq });
  }

  private draw(): void {
    const sorted = this.messages.sorted();
    const unread = this.open ? 0 : sorted.filter((message) => (message.author === "bot" || message.author === "agent") && message.seq > this.readSeq).length;
    this.view.setUnread(unread);
    if (this.open && !this.conversationId && this.preChatForm && !this.starting) return this.view.showForm(this.error);
    this.view.render(sorted, this.status, this.sending > 0 || this.starting, this.error, { formOpen: this.emailForm, continued: this.continuedOn, prefill: { email: this.contactEmail, phone: "" } });
  }
}
