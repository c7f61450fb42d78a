import { ApplicationFailure } from "@temporalio/common";
import { extractiveReply, HEADING_SEPARATOR, searchHybrid, type Embedder, type RankedChunk, type Reply, type ReplyGenerator, type ScoredPassage } from "@parley/ai";
import type { Db } from "@parley/db";
import { KnowledgeIndexCache } from "./knowledge-index-cache";
import { FailureType, type GenerateReplyInput, type SearchKnowledgeInput, type SearchKnowledgeResult } from "./types";

export interface KnowledgeDeps {
  db: Db;
  /** Semantic search (OpenAI embeddings when keyed); without one, search is BM25 only. */
  embedder?: Embedder;
  /** The worker's in-memory search indexes; one is made per activity set when not given. */
  knowledgeIndexes?: KnowledgeIndexCache;
  /** Who writes AI replies; defaults to the offline extractive generator (no model, no key). */
  replyGenerator?: ReplyGenerator;
}

/** Activities behind the knowledge answer and AI reply nodes. */
export function createKnowledgeActivities({ db, embedder, knowledgeIndexes, replyGenerator = extractiveReply }: KnowledgeDeps) {
  const indexes = knowledgeIndexes ?? new KnowledgeIndexCache(db, embedder);
  return {
    /**
     * The best chunks of the conversation's workspace's knowledge base named `knowledgeBase`, from
     * the cached index (refreshed incrementally when the base's revision moved). A base that does
     * not exist (renamed, deleted) is an empty result, not a failure: the node takes its
     * "not found" way and the conversation goes on. An embedder that fails degrades to BM25.
     */
    async searchKnowledge(input: SearchKnowledgeInput): Promise<SearchKnowledgeResult> {
      const conversation = await db.conversation.findUnique({ where: { id: input.conversationId }, select: { workspaceId: true } });
      if (!conversation) {
        throw ApplicationFailure.nonRetryable(`conversation ${input.conversationId} not found`, FailureType.ConversationNotFound);
      }
      const base = await db.knowledgeBase.findUnique({
        where: { workspaceId_name: { workspaceId: conversation.workspaceId, name: input.knowledgeBase.trim() } },
        select: { id: true },
      });
      if (!base || !input.query.trim()) return { knowledgeBaseFound: base !== null, passages: [] };
      const { index } = await indexes.index(base.id);
      const { hits } = await searchHybrid(index, input.query, { limit: input.limit ?? 3, ...(embedder ? { embedder } : {}) });
      return { knowledgeBaseFound: true, passages: hits.map(toPassage) };
    },

    /** A reply to the customer from the configured generator; `confident: false` means hand off. */
    async generateReply(input: GenerateReplyInput): Promise<Reply> {
      return replyGenerator.generate(input);
    },
  };
}

/** A ranked chunk as the workflow sees it: a passage citing its document, chunk and heading path. */
export function toPassage({ chunk, score }: RankedChunk): ScoredPassage {
  return {
    articleId: chunk.documentId,
    chunkId: chunk.id,
    title: chunk.title,
    ...(chunk.url ? { url: chunk.url } : {}),
    ...(chunk.headingPath.length > 0 ? { heading: chunk.headingPath.join(HEADING_SEPARATOR), headingPath: chunk.headingPath } : {}),
    text: chunk.text,
    score,
  };
}
