/** Data shapes crossing the workflow ↔ activity boundary (plain JSON). */

export type MessageAuthor = "contact" | "bot" | "agent" | "system";

export interface RecordedMessage {
  id: string;
  seq: number;
  author: MessageAuthor;
  /** The agent who wrote an `agent` message. */
  authorId?: string;
  meta?: { quickReplies?: string[]; mediaUrl?: string; voiceText?: string };
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
} as const;
