/** Data shapes crossing the workflow ↔ activity boundary (plain JSON). */
import type { ReplyRequest, ScoredPassage } from "@parley/ai";

export type { Citation, ConversationTurn, Reply, ScoredPassage } from "@parley/ai";

export type MessageAuthor = "contact" | "bot" | "agent" | "system";

export interface RecordedMessage {
  id: string;
  seq: number;
  author: MessageAuthor;
  /** The agent who wrote an `agent` message. */
  authorId?: string;
  meta?: {
    quickReplies?: string[];
    mediaUrl?: string;
    voiceText?: string;
    /** SSML for voice channels, and the synthesis voice to use. */
    ssml?: string;
    voice?: string;
    /** Knowledge articles the message was taken from. */
    citations?: { articleId: string; title: string; url?: string }[];
    /** Set on generated replies: which generator wrote it and how sure it was (0..1). */
    generated?: { by: string; confidence: number };
    /** On a spoken customer message: transcript confidence, audio quality, barge-in. */
    spoken?: {
      confidence: number;
      quality: { levelDbfs: number; snrBeforeDb: number | null; snrAfterDb: number | null; speechRatio: number; clippingRatio: number };
      durationMs: number;
      engine: string;
      interruptedMessageId?: string;
      recordingId?: string;
    };
  };
  text: string;
  createdAt: string;
}

export interface RecordedNodeRun {
  id: string;
  nodeId: string;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  outcome: string | null;
  error: string | null;
  /** Test conversations only (the simulator): variables after the step, an activity's input and output. */
  detail?: unknown;
}

export interface RecordTurnInput {
  conversationId: string;
  messages: RecordedMessage[];
  /** Node executions started or finished since the last turn (upserted by id). */
  nodeRuns?: RecordedNodeRun[];
  status: "active" | "handoff" | "resolved" | "closed";
  variables: Record<string, string | number | boolean | null>;
  /** Queue and assignee while (or after) a person works the conversation. */
  handoff?: {
    team: string;
    skills: string[];
    priority: "low" | "normal" | "high" | "urgent";
    assigneeId: string | null;
    since: string;
  } | null;
  /** A satisfaction rating collected by a CSAT node (score null: asked, not answered). */
  csat?: { score: number | null; scale: number };
  /** A view of the SLA clocks (JSON) when a policy is attached. */
  sla?: Record<string, unknown> | null;
}

/**
 * Non-retryable failure types raised by activities. The same strings are listed in the
 * workflows' contract (FailureType) so its retry policies can name them.
 */
export const FailureTypes = {
  FlowVersionNotFound: "FlowVersionNotFound",
  FlowVersionNotPublished: "FlowVersionNotPublished",
  InvalidFlow: "InvalidFlow",
  ConversationNotFound: "ConversationNotFound",
  WebhookRejected: "WebhookRejected",
  /** An intent or sentiment activity got input it cannot use (a bug in the caller). */
  InvalidUnderstandingInput: "InvalidUnderstandingInput",
  /** The HTTP request node's activity got a request it cannot send (a bug in the caller). */
  InvalidHttpRequest: "InvalidHttpRequest",
  /** A custom activity's input does not match its schema (the flow's mapping is wrong). */
  InvalidCustomActivityInput: "InvalidCustomActivityInput",
  /** A custom activity returned something its output schema refuses (a bug in the activity). */
  InvalidCustomActivityOutput: "InvalidCustomActivityOutput",
  /** A voice activity got input it cannot use, or a recording id that does not exist. */
  InvalidVoiceInput: "InvalidVoiceInput",
  /** Stored audio failed authentication (altered, or the audio key changed): retrying cannot help. */
  AudioIntegrity: "AudioIntegrity",
  /** The database refused a value it can never store (broken text, too long, a constraint). */
  DataRejected: "DataRejected",
} as const;

export interface SearchKnowledgeInput {
  /** The conversation whose workspace owns the knowledge base. */
  conversationId: string;
  /** The knowledge base's name, as written in the node. */
  knowledgeBase: string;
  query: string;
  /** At most this many passages (default 3). */
  limit?: number;
}

export interface SearchKnowledgeResult {
  /** False when the workspace has no knowledge base of that name. */
  knowledgeBaseFound: boolean;
  /** Best first, scores in 0..1. */
  passages: ScoredPassage[];
}

export type GenerateReplyInput = ReplyRequest;
