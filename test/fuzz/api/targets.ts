/**
 * What the fuzz's requests aim at: filled in by the test's setup (the server, the owner's
 * session, conversations, a widget conversation, a REST key), read when a request is drawn.
 */
import { randomBytes } from "node:crypto";
import type { IdPool } from "../schema-inputs";

/** The embeddable widget's channel (any origin); the setup opens a conversation through it. */
export const WIDGET_CHANNEL = "fuzz-widget-0001";
/** The codec endpoint is on: hostile bodies reach it with its token, hostile paths without. */
export const CODEC_TOKEN = randomBytes(24).toString("hex");

export const targets = {
  baseUrl: "",
  /** The owner's session (see exchange). */
  cookie: "",
  /** Every record id the schema-guided inputs may name. */
  ids: [] as string[],
  /** Conversations the fuzz keeps (the pool also holds ended ones: those answer 412). */
  activeConversation: "",
  endedConversation: "",
  knowledgeBaseId: "",
  /** A conversation opened through the widget, and its token. */
  widget: { conversationId: "", token: "" },
  /** A write-scoped API key for the REST family, and a contact whose id it aims at. */
  rest: { key: "", contactId: "" },
};

export const idPool: IdPool = { ids: () => targets.ids };
