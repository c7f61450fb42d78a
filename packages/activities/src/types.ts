/** Data shapes crossing the workflow ↔ activity boundary (plain JSON). */
import type { ReplyRequest, ScoredPassage } from "@parley/ai";
import type { Priority } from "@parley/flow";

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
      sttLatencyMs?: number;
      ttsFirstByteMs?: number;
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
    priority: Priority;
    assigneeId: string | null;
    since: string;
  } | null;
  /** A satisfaction rating collected by a CSAT node (score null: asked, not answered). */
  /** The rating, and what the customer wrote with it (a csat node with a comment question). */
  csat?: { score: number | null; scale: number; comment?: string };
  /** A view of the SLA clocks (JSON) when a policy is attached. */
  sla?: Record<string, unknown> | null;
  /**
   * Orders the records of one conversation (larger is newer): the conversation's state is
   * written only when it is not older than the stored one, so a sender storing a handed turn
   * late never undoes a newer write. Messages and node runs are written either way (by id).
   */
  stateVersion?: number;
}

/** What a conversation handed to a sender (packages/workflows handed-turns.ts): is it all stored? */
export interface TurnsStoredInput {
  conversationId: string;
  messageIds: string[];
  nodeRunIds: string[];
  /** The stateVersion of the last handed turn: the stored state must be at least as new. */
  stateVersion: number;
}

/** Non-retryable failure types raised by activities (the one list, shared with the workflows). */
export { FailureType } from "@parley/flow";

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
