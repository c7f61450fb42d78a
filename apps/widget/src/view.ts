import type { Status, WidgetFile, WidgetMessage, WidgetSettings } from "./api";
import { attachmentElement } from "./attachment";
import { ACCEPTED_TYPES, fileElement, isFilePlaceholder } from "./files";
import { CONTINUED_TEXT, createHandover, type Handover, type HandoverMedium } from "./handover";
import { redraw } from "./redraw";
import { WIDGET_CSS } from "./styles";

/**
 * The widget's DOM inside a shadow root: a bubble with an unread badge, and a panel with the
 * header, the transcript (a live log for screen readers), quick replies and the composer, or the
 * pre-chat form. It draws what the controller tells it; all text goes in as text, never as HTML.
 */

const CHAT_ICON =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/></svg>';

const CLIP_ICON =
  '<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l8.57-8.57A4 4 0 1 1 18 8.84l-8.59 8.57a2 2 0 0 1-2.83-2.83l8.49-8.48"/></svg>';

const WHO: Record<string, string> = { contact: "You", bot: "Assistant", agent: "Support team" };

/** An element with DOM properties (textContent, type, ...) and attributes (aria-*, data-*). */
function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

export interface ViewHandlers {
  toggle(): void;
  send(text: string): void;
  submitForm(contact: { name: string; email: string }): void;
  /** Leaves an ended conversation for a new one. */
  restart(): void;
  /** "Continue by email or SMS": open or close its form, and send the address. */
  emailForm(open: boolean): void;
  continueOn(medium: HandoverMedium, address: string): void;
  /** The paperclip (or a drop on the panel): a file to send as the customer's message. */
  sendFile(file: File): void;
  /** Where a sent file's bytes can be shown from (undefined while it uploads). */
  fileUrl(fileId: string): Promise<string> | undefined;
}

export function createView(settings: WidgetSettings, handlers: ViewHandlers) {
  const host = el("div", {}, { "data-parley-widget": "" });
  const shadow = host.attachShadow({ mode: "open" });
  shadow.append(el("style", { textContent: WIDGET_CSS }));
  const offered = (["email", "sms"] as const).filter((medium) => (medium === "email" ? settings.continueByEmail : settings.continueBySms));
  const handover = createHandover(el, offered, handlers);
  const root = el("div", { className: "root" }, { "data-position": settings.position, "data-open": "false" });
  root.style.setProperty("--accent", settings.color);

  const panel = el("section", { className: "panel", hidden: true }, { role: "dialog", "aria-label": settings.title, "data-testid": "widget-panel" });
  const header = el("header", { className: "header" });
  if (settings.logoUrl) header.append(el("img", { src: settings.logoUrl, alt: "" }));
  const titles = el("div", { className: "titles" });
  titles.append(el("h2", { textContent: settings.title }), el("div", { className: "state", textContent: settings.online ? "We reply in a few minutes" : "Away right now" }));
  const close = el("button", { className: "close", type: "button", textContent: "×" }, { "aria-label": "Close chat" });
  close.addEventListener("click", () => handlers.toggle());
  /** Buttons between the titles and ×: the call button when the channel offers calls. */
  const tools = el("div", { className: "tools" });
  header.append(titles, tools, close);
  panel.append(header);
  if (!settings.online) panel.append(el("div", { className: "notice", textContent: settings.offlineMessage }, { "data-testid": "widget-offline" }));

  const body = el("div", { className: "log" }, { role: "log", "aria-live": "polite", "aria-label": "Conversation", "data-testid": "widget-log" });
  // Whether the log shows its newest message: a picture that loads later keeps it so.
  let pinned = true;
  body.addEventListener("scroll", () => (pinned = body.scrollHeight - body.scrollTop - body.clientHeight < 40));
  const keepPinned = () => {
    if (pinned) body.scrollTop = body.scrollHeight;
  };
  /** One element per file for the panel's life: a redraw does not load (and resize) a picture again. */
  const fileNodes = new Map<string, HTMLElement>();
  const ownFile = (file: WidgetFile) => {
    let node = fileNodes.get(file.id);
    if (!node) fileNodes.set(file.id, (node = fileElement(file, handlers.fileUrl(file.id), keepPinned)));
    return node;
  };
  const composer = el("form", { className: "composer" });
  const input = el("textarea", { placeholder: "Write a message…", maxLength: 4000 }, { "aria-label": "Message", rows: "1" });
  const send = el("button", { className: "send", type: "submit", textContent: "Send" });
  const picker = el("input", { type: "file", accept: ACCEPTED_TYPES.join(","), hidden: true }, { "data-testid": "widget-file-input" });
  const clip = el("button", { className: "clip", type: "button", innerHTML: CLIP_ICON, hidden: !settings.uploads }, { "aria-label": "Attach a file", "data-testid": "widget-attach" });
  clip.addEventListener("click", () => picker.click());
  picker.addEventListener("change", () => {
    const file = picker.files?.[0];
    picker.value = "";
    if (file) handlers.sendFile(file);
  });
  composer.append(picker, clip, input, send);
  composer.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    handlers.send(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      composer.requestSubmit();
    }
  });
  panel.append(body, composer);
  if (settings.uploads) {
    // A file dropped anywhere on the panel is sent as the paperclip would.
    panel.addEventListener("dragover", (event) => {
      if (!event.dataTransfer?.types.includes("Files") || clip.disabled) return;
      event.preventDefault();
      panel.dataset.dropping = "true";
    });
    panel.addEventListener("dragleave", (event) => {
      if (!panel.contains(event.relatedTarget as Node | null)) delete panel.dataset.dropping;
    });
    panel.addEventListener("drop", (event) => {
      delete panel.dataset.dropping;
      const file = event.dataTransfer?.files[0];
      if (!file) return;
      event.preventDefault();
      if (!clip.disabled) handlers.sendFile(file);
    });
  }
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      handlers.toggle();
      bubble.focus();
    }
  });

  const bubble = el("button", { className: "bubble", type: "button", innerHTML: CHAT_ICON }, { "aria-label": `Open chat: ${settings.title}`, "data-testid": "widget-bubble" });
  const badge = el("span", { className: "badge", hidden: true }, { "data-testid": "widget-unread" });
  bubble.append(badge);
  bubble.addEventListener("click", () => handlers.toggle());
  root.append(panel, bubble);
  shadow.append(root);

  return {
    host,
    header,
    tools,
    setOpen(open: boolean) {
      panel.hidden = !open;
      root.dataset.open = String(open);
      bubble.setAttribute("aria-expanded", String(open));
      if (open) {
        input.focus();
        body.scrollTop = body.scrollHeight;
      }
    },
    setUnread(count: number) {
      badge.hidden = count === 0;
      badge.textContent = count > 9 ? "9+" : String(count);
      bubble.setAttribute("aria-label", count > 0 ? `Open chat: ${settings.title}, ${count} unread` : `Open chat: ${settings.title}`);
    },
    /** The pre-chat form in place of the composer, until it is sent. */
    showForm(error?: string) {
      composer.hidden = true;
      body.replaceChildren(greeting());
      const form = el("form", { className: "form" }, { "data-testid": "widget-prechat" });
      const name = el("input", { name: "name", autocomplete: "name", required: true, maxLength: 120 });
      const email = el("input", { name: "email", type: "email", autocomplete: "email", required: true, maxLength: 254 });
      const nameLabel = el("label", { textContent: "Name" });
      nameLabel.append(name);
      const emailLabel = el("label", { textContent: "Email" });
      emailLabel.append(email);
      form.append(el("p", { textContent: "Tell us who you are so we can follow up." }), nameLabel, emailLabel);
      if (error) form.append(el("div", { className: "error", textContent: error }, { role: "alert" }));
      form.append(el("button", { className: "send", type: "submit", textContent: "Start chat" }));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        handlers.submitForm({ name: name.value.trim(), email: email.value.trim() });
      });
      body.append(form);
    },
    /** The transcript, the last bot message's quick replies, and what state the conversation is in. */
    render(messages: WidgetMessage[], status: Status | null, busy: boolean, error?: string, moving?: Handover) {
      composer.hidden = false;
      const open = status === null || status === "active" || status === "handoff";
      // Moved to email or SMS: the conversation goes on there, so the widget only shows what was said.
      const writable = open && !moving?.continued;
      input.disabled = !writable;
      send.disabled = busy || !writable;
      clip.disabled = busy || !writable;
      const nodes: HTMLElement[] = [greeting()];
      for (const message of messages) {
        if (message.author === "system") continue;
        const bubbleNode = el("div", { className: `msg ${message.author}` }, { "data-author": message.author, "data-testid": "widget-message" });
        const files = message.author === "contact" ? (message.attachments ?? []) : [];
        bubbleNode.append(el("span", { className: "who", textContent: message.authorName ?? WHO[message.author] ?? "" }));
        if (!isFilePlaceholder(message.text, files)) bubbleNode.append(document.createTextNode(message.text));
        for (const file of files) bubbleNode.append(ownFile(file));
        const attachment = message.author === "contact" ? null : attachmentElement(message.meta?.mediaUrl);
        if (attachment) bubbleNode.append(attachment);
        nodes.push(bubbleNode);
      }
      const last = messages[messages.length - 1];
      const options = last && last.author !== "contact" ? (last.meta?.quickReplies ?? []) : [];
      if (options.length > 0 && writable) {
        const chips = el("div", { className: "chips" }, { role: "group", "aria-label": "Suggested replies" });
        for (const option of options) {
          const chip = el("button", { className: "chip", type: "button", textContent: option, disabled: busy });
          chip.addEventListener("click", () => handlers.send(option));
          chips.append(chip);
        }
        nodes.push(chips);
      }
      if (moving?.continued && open) {
        nodes.push(el("div", { className: "status moved", textContent: CONTINUED_TEXT[moving.continued] }, { "data-testid": "widget-continued" }));
      } else if (status === "handoff") nodes.push(el("div", { className: "status", textContent: "A teammate will reply here." }, { "data-testid": "widget-handoff" }));
      if (status && !open) {
        nodes.push(el("div", { className: "status", textContent: "This conversation has ended." }, { "data-testid": "widget-ended" }));
        const again = el("button", { className: "chip again", type: "button", textContent: "Start a new conversation" });
        again.addEventListener("click", () => handlers.restart());
        nodes.push(again);
      }
      if (status && writable && moving && offered.length > 0) nodes.push(moving.formOpen ? handover.form(moving.prefill, busy) : handover.link());
      if (error) nodes.push(el("div", { className: "error", textContent: error }, { role: "alert" }));
      redraw(body, nodes);
      body.scrollTop = body.scrollHeight;
    },
  };

  function greeting() {
    return el("div", { className: "msg greeting", textContent: settings.greeting }, { "data-testid": "widget-greeting" });
  }
}

export type WidgetView = ReturnType<typeof createView>;
