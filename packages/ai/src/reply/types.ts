import type { ScoredPassage } from '../knowledge/types';

/** A turn of the conversation so far, oldest first. */
export interface ConversationTurn {
  author: 'contact' | 'bot' | 'agent';
  text: string;
}

export interface ReplyRequest {
  /** The system prompt: how to answer (tone, scope). Already rendered. */
  instructions: string;
  /** What to answer, usually the customer's last message. */
  question: string;
  /** Knowledge passages to ground the answer on, best first (may be empty). */
  passages: readonly ScoredPassage[];
  recentTurns: readonly ConversationTurn[];
  /** Answer only from `passages`; without grounding the generator must not answer. */
  groundedOnly: boolean;
  /** Below this confidence (0..1) the reply is not given and the flow hands off. */
  minConfidence: number;
  /**
   * The flow's variables (answers to asks, slots, intent): conversation memory for generators
   * that write (see `context/memory.ts`). Optional, so callers that predate it still type-check.
   */
  variables?: Readonly<Record<string, unknown>>;
}

/** A source a reply was built from, shown under the message. */
export interface Citation {
  articleId: string;
  title: string;
  url?: string;
}

export type Reply =
  | {
      confident: true;
      text: string;
      /** 0..1: how sure the generator is that `text` answers the question. */
      confidence: number;
      citations: Citation[];
      /** Which generator wrote it (`extractive`; later `openai:<model>`), shown to agents. */
      generator: string;
    }
  | {
      confident: false;
      confidence: number;
      /** Why there is no reply, for the agent who picks the conversation up. */
      reason: string;
      generator: string;
    };

/**
 * Writes a reply to a customer's question. The offline implementation (`extractiveReply`) quotes
 * the knowledge base; the planned OpenAI provider takes the same request (instructions as the
 * system prompt, recent turns as the chat, passages as numbered sources) and returns the same
 * shape, so the activity and the flow node do not change when it arrives.
 */
export interface ReplyGenerator {
  readonly name: string;
  generate(request: ReplyRequest): Promise<Reply>;
}
