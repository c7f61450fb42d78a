import { isCancellation, patched } from "@temporalio/workflow";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { ScoredPassage } from "@parley/activities";
import { knowledge } from "../activity-proxies";
import type { MessageCitation } from "../contracts";
import type { StepContext } from "./step";

/*
 * The knowledge base as the steps use it: knowledge_answer and ai_reply search it, and an ask node
 * answers follow-up questions from it.
 */

/** Answering follow-up questions at an ask node changed what the ask step does (2026-12). */
const ASK_FOLLOW_UP_QUESTIONS = "ask-follow-up-questions";
/** = ANSWERABLE_MIN_SCORE of @parley/ai and the knowledge answer node's default (workflow code cannot import ai). */
const FOLLOW_UP_MIN_SCORE = 0.45;

/**
 * At an ask node that offers options: answers a reply that is none of them when the node's
 * knowledge base answers it well enough (a follow-up question), saying the passage with its
 * source. False when the node does not answer follow-ups or nothing matches; the caller then
 * gives its usual hint. Behind a patch, and only reached by nodes that turned it on.
 */
export async function answerFollowUp(config: NodeConfig<"ask">, ctx: StepContext, node: FlowNode, reply: string): Promise<boolean> {
  if (config.inputType !== "choice" || config.answerFollowUps !== "yes" || !patched(ASK_FOLLOW_UP_QUESTIONS)) return false;
  const best = (await searchKnowledge(ctx, node, config.followUpKnowledgeBase, reply.trim(), 1))[0];
  if (!best || best.score < FOLLOW_UP_MIN_SCORE) return false;
  ctx.say(best.text, { citations: [citationOf(best)] });
  return true;
}

/**
 * The best passages for `question`, or none: for an empty question, an unknown knowledge base
 * or a search that failed after its retries (each noted for the agents, never a stuck flow).
 */
export async function searchKnowledge(
  ctx: StepContext,
  node: FlowNode,
  knowledgeBase: string,
  question: string,
  limit: number,
): Promise<ScoredPassage[]> {
  if (!question) return [];
  const label = node.label ?? node.id;
  try {
    const result = await knowledge.searchKnowledge({ conversationId: ctx.conversationId, knowledgeBase, query: question, limit });
    if (!result.knowledgeBaseFound) ctx.note(`${label}: there is no knowledge base named "${knowledgeBase}"`);
    return result.passages;
  } catch (err) {
    if (isCancellation(err)) throw err;
    ctx.note(`${label}: knowledge search failed (${activityErrorMessage(err)}); treated as no match`);
    return [];
  }
}

export function citationOf(passage: ScoredPassage): MessageCitation {
  return { articleId: passage.articleId, title: passage.title, ...(passage.url ? { url: passage.url } : {}) };
}

export function activityErrorMessage(err: unknown): string {
  // An ActivityFailure's own message is generic; its cause says what went wrong.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}
