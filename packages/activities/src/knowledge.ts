import { ApplicationFailure } from "@temporalio/common";
import { extractiveReply, termOverlapSearch, type KnowledgeSearch, type Reply, type ReplyGenerator, type ScoredPassage } from "@parley/ai";
import type { Db } from "@parley/db";
import { FailureTypes, type GenerateReplyInput, type SearchKnowledgeInput, type SearchKnowledgeResult } from "./types";

export interface KnowledgeDeps {
  db: Db;
  /** How passages are ranked; defaults to the local term-overlap search. */
  knowledgeSearch?: KnowledgeSearch;
  /** Who writes AI replies; defaults to the offline extractive generator (no model, no key). */
  replyGenerator?: ReplyGenerator;
}

/** Articles read per search: the local search scans them all, so a bound keeps it fast. */
const MAX_ARTICLES = 2000;

/** Activities behind the knowledge answer and AI reply nodes. */
export function createKnowledgeActivities({ db, knowledgeSearch = termOverlapSearch, replyGenerator = extractiveReply }: KnowledgeDeps) {
  return {
    /**
     * The best passages of the conversation's workspace's knowledge base named `knowledgeBase`.
     * A base that does not exist (renamed, deleted) is an empty result, not a failure: the node
     * takes its "not found" way and the conversation goes on.
     */
    async searchKnowledge(input: SearchKnowledgeInput): Promise<SearchKnowledgeResult> {
      const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { workspaceId: true } });
      if (!conversation) {
        throw ApplicationFailure.nonRetryable(`conversation ${input.conversationId} not found`, FailureTypes.ConversationNotFound);
      }
      const base = await db.knowledgeBase.findUnique({
        where: { workspaceId_name: { workspaceId: conversation.workspaceId, name: input.knowledgeBase.trim() } },
        select: { id: true },
      });
      if (!base || !input.query.trim()) return { knowledgeBaseFound: base !== null, passages: [] };
      const articles = await db.knowledgeArticle.findMany({
        where: { knowledgeBaseId: base.id },
        select: { id: true, title: true, body: true, url: true },
        orderBy: { createdAt: "asc" },
        take: MAX_ARTICLES,
      });
      const passages: ScoredPassage[] = await knowledgeSearch.search({ query: input.query, articles, limit: input.limit ?? 3 });
      return { knowledgeBaseFound: true, passages };
    },

    /** A reply to the customer from the configured generator; `confident: false` means hand off. */
    async generateReply(input: GenerateReplyInput): Promise<Reply> {
      return replyGenerator.generate(input);
    },
  };
}
