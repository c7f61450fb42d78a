import { WidgetApiError } from "./api-error";
import { readStream } from "./stream";

/**
 * The widget's calls to Parley's API (/widget/v1 on the server the script came from). Every call
 * names the channel; calls inside a conversation carry its customer token.
 */

export type Author = "contact" | "bot" | "agent";
export type Status = "active" | "handoff" | "resolved" | "closed";

export interface WidgetMessage {
  id: string;
  seq: number;
  author: Author | "system";
  authorName?: string | null;
  text: string;
  meta?: { quickReplies?: string[]; mediaUrl?: string } | null;
  /** The customer's own files with their message (sent with the paperclip, or by email). */
  attachments?: WidgetFile[];
}

/** What the customer sent, as shown: the words, and the files with them. */
export type Sent = Pick<WidgetMessage, "text" | "attachments">;

export interface WidgetFile {
  id: string;
  fileName: string;
  contentType: string;
  bytes: number;
}

export interface WidgetSettings {
  color: string;
  logoUrl: string | null;
  title: string;
  greeting: string;
  position: "right" | "left";
  preChatForm: boolean;
  offlineMessage: string;
  online: boolean;
  /** The workspace has an email channel this widget's conversations can move to. */
  continueByEmail?: boolean;
  /** ...and an SMS channel. */
  continueBySms?: boolean;
  /** Customers may send files up to this size; null: this server takes none. */
  uploads?: { maxBytes: number } | null;
  /** The channel offers voice calls from the widget's header. */
  voice?: boolean;
}

/** What a customer's message (typed or a file) comes back with: the flow's status and the bot's replies. */
export interface Turn {
  status: Status;
  replies: WidgetMessage[];
  /** The customer's message as recorded. */
  accepted?: { id: string; seq: number };
}

export interface Started {
  conversationId: string;
  status: Status;
  replies: WidgetMessage[];
  token: string;
}

export interface Transcript {
  status: Status;
  /** `email` once the customer has moved the conversation there. */
  channel?: string;
  messages: WidgetMessage[];
}

export { WidgetApiError };

const TOKEN_HEADER = "x-parley-conversation-token";

export function widgetApi(apiBase: string, channel: string) {
  const base = `${apiBase}/widget/v1/channels/${encodeURIComponent(channel)}`;

  async function call<T>(path: string, init: { method?: string; body?: unknown; file?: Blob; token?: string } = {}): Promise<T> {
    const headers: Record<string, string> = {};
    if (init.body !== undefined) headers["content-type"] = "application/json";
    // A file goes as the raw body: its declared type is the server's first clue (it checks the content).
    if (init.file) headers["content-type"] = init.file.type || "application/octet-stream";
    if (init.token) headers[TOKEN_HEADER] = init.token;
    const response = await fetch(base + path, {
      method: init.method ?? "GET",
      headers,
      body: init.file ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
      // Never the host page's cookies: the token is the only credential.
      credentials: "omit",
    });
    const payload = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) throw new WidgetApiError(response.status, payload.error ?? `request failed (${response.status})`);
    return payload as T;
  }

  return {
    settings: () => call<WidgetSettings>(""),
    start: (visitorId: string, contact?: { name?: string; email?: string }) =>
      call<Started>("/conversations", { method: "POST", body: contact ? { contact, visitorId } : { visitorId } }),
    resume: (conversationId: string, token: string) =>
      call<Transcript & { token: string }>(`/conversations/${encodeURIComponent(conversationId)}/resume`, { method: "POST", body: {}, token }),
    send: (conversationId: string, token: string, text: string, clientMessageId: string) =>
      call<Turn>(`/conversations/${encodeURIComponent(conversationId)}/messages`, {
        method: "POST",
        body: { text, clientMessageId },
        token,
      }),
    /** Sends a file as the customer's message; a retry with the same `clientMessageId` is stored once. */
    upload: (conversationId: string, token: string, file: File, clientMessageId: string) =>
      call<Turn & { attachments: WidgetFile[] }>(`/conversations/${encodeURIComponent(conversationId)}/attachments?name=${encodeURIComponent(file.name)}&clientMessageId=${clientMessageId}`, {
        method: "POST",
        file,
        token,
      }),
    /** One of the customer's own files (the token goes in a header, so an <img> cannot fetch it itself). */
    file: async (conversationId: string, token: string, fileId: string): Promise<Blob> => {
      const response = await fetch(`${base}/conversations/${encodeURIComponent(conversationId)}/attachments/${encodeURIComponent(fileId)}`, { headers: { [TOKEN_HEADER]: token }, credentials: "omit" });
      if (!response.ok) throw new WidgetApiError(response.status, `the file could not be read (${response.status})`);
      return response.blob();
    },
    /** Moves the conversation to email (`{ email }`) or SMS (`{ phone }`). */
    continueOn: (conversationId: string, token: string, medium: "email" | "sms", address: string) =>
      call<{ channel: string; address: string }>(`/conversations/${encodeURIComponent(conversationId)}/continue-by-${medium}`, {
        method: "POST",
        body: medium === "email" ? { email: address } : { phone: address },
        token,
      }),
    since: (conversationId: string, token: string, afterSeq: number) =>
      call<Transcript>(`/conversations/${encodeURIComponent(conversationId)}/messages?after=${afterSeq}`, { token }),
    /** What comes after `afterSeq`, pushed as it happens, until the stream ends or fails. */
    stream: (conversationId: string, token: string, afterSeq: number, signal: AbortSignal, onEvent: (transcript: Transcript) => void) =>
      readStream(`${base}/conversations/${encodeURIComponent(conversationId)}/stream?after=${afterSeq}`, { [TOKEN_HEADER]: token }, signal, onEvent),
  };
}

export type WidgetApi = ReturnType<typeof widgetApi>;
