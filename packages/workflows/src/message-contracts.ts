/**
 * What a conversation's messages carry, as stored and as sent to channels: the transcript line,
 * its channel extras (buttons, voice, citations) and how a spoken message was heard.
 */
export type MessageAuthor = "contact" | "bot" | "agent" | "system";

export interface TranscriptMessage {
  /** Stable id derived from the conversation and seq: a retried write updates, never duplicates. */
  id: string;
  seq: number;
  author: MessageAuthor;
  /** The agent who wrote an `agent` message. */
  authorId?: string;
  /** Extras a channel may render: buttons, an attachment, a spoken variant. */
  meta?: MessageMeta;
  text: string;
  /** ISO timestamp taken from workflow time (deterministic on replay). */
  createdAt: string;
}

export interface MessageMeta {
  quickReplies?: string[];
  mediaUrl?: string;
  voiceText?: string;
  /** What a voice channel speaks when it is SSML (then voiceText is its words without markup). */
  ssml?: string;
  /** The synthesis voice a voice channel should use (provider naming, e.g. en-US-JennyNeural). */
  voice?: string;
  /** The knowledge articles a bot answer was taken from, shown under the message. */
  citations?: MessageCitation[];
  /** On generated replies: the generator (`extractive`, later `openai:<model>`) and its confidence (0..1). */
  generated?: { by: string; confidence: number };
  /** On a customer message that was spoken: how it was heard (`voice` is the synthesis voice). */
  spoken?: VoiceUtterance;
  /** On the system line of a move to another channel ("Continue by email"): the channels' labels, for the inbox's channel history. */
  channelMove?: { from: string; to: string };
}

/**
 * How a spoken customer message was heard, recorded with it for the inbox and analytics.
 * `interruptedMessageId` is the bot message the caller talked over (barge-in): it travels with
 * the next utterance rather than as a separate signal, so the interruption lands on the message
 * that caused it and costs no extra history event.
 */
export interface VoiceUtterance {
  /** The speech engine's confidence in the transcript, 0..1. */
  confidence: number;
  quality: VoiceAudioQuality;
  durationMs: number;
  /** Which engine transcribed it (e.g. `azure`, `offline:<name>`). */
  engine: string;
  interruptedMessageId?: string;
  /** The stored recording, when the message came as a voice message. */
  recordingId?: string;
  /** Live calls: how long recognition took after the caller stopped speaking (ms). */
  sttLatencyMs?: number;
  /**
   * Live calls: time to the first audio of the bot reply the caller heard before this utterance
   * (ms). Like a barge-in it travels with the next utterance, so a call's last reply has none.
   */
  ttsFirstByteMs?: number;
}

/** Mirrors AudioQuality of @parley/voice (workflow code may not import that package). */
export interface VoiceAudioQuality {
  levelDbfs: number;
  snrBeforeDb: number | null;
  snrAfterDb: number | null;
  speechRatio: number;
  clippingRatio: number;
}

export interface MessageCitation {
  articleId: string;
  title: string;
  url?: string;
}
