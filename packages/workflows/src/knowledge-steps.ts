import { isCancellation, patched } from "@temporalio/workflow";
import { renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { Reply, ScoredPassage } from "@parley/activities";
import { knowledge, replies } from "./activity-proxies";
import type { MessageCitation } from "./contracts";
import type { StepContext, StepResult } from "./steps";

/** How much of the conversation an AI reply sees besides the question. */
const RECENT_TURNS = 10;
/** Passages given to the reply generator. */
const GROUNDING_PASSAGES = 3;
/** Answering follow-up questions at an ask node changed what the ask step does (2026-12). */
const ASK_FOLLOW_UP_QUESTIONS = "ask-follow-up-questions";
/** = ANSWERABLE_MIN_SCORE of @parley/ai and the knowledge answer node's default (workflow code cannot import ai). */
const FOLLOW_UP_MIN_SCORE = 0.45;

/**
 * knowledge_answer: says the best passage of the knowledge base, citing its article, when it
 * scores at least `minScore`; otherwise `not_found` (nothing is said).
 */
export async function knowledgeAnswerStep(
  config: NodeConfig<"knowledge_answer">,
  ctx: StepContext,
  node: FlowNode,
): Promise<StepResult> {
  ctx.variables[config.variable] = null;
  const question = renderTemplate(config.question, ctx.variables).trim();
  const best = (await searchKnowledge(ctx, node, config.knowledgeBase, question, 1))[0];
  if (!best || best.score < config.minScore) return { port: "not_found" };
  ctx.say(best.text, { citations: [citationOf(best)] });
  ctx.variables[config.variable] = best.text;
  return { port: "answered" };
}

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
 * ai_reply: grounds on the knowledge base (if named), asks the reply generator, and says the
 * reply when the generator is confident enough. Otherwise it says nothing, leaves a note for the
 * agent who will pick the conversation up, and takes `handoff`.
 */
export async function aiReplyStep(config: NodeConfig<"ai_reply">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  ctx.variables[config.variable] = null;
  const label = node.label ?? node.id;
  const handOff = (why: string): StepResult => {
    ctx.note(`${label}: no AI reply (${why})`);
    return { port: "handoff" };
  };
  const question = renderTemplate(config.question, ctx.variables).trim();
  if (!question) return handOff("the question is empty");
  const groundedOnly = config.onlyFromKnowledge === "yes";
  const base = config.knowledgeBase.trim();
  const passages = base ? await searchKnowledge(ctx, node, base, question, GROUNDING_PASSAGES) : [];
  // No call to the generator when it would have to answer from nothing but must not.
  if (groundedOnly && passages.length === 0) return handOff(base ? `nothing in "${base}" matches` : "no knowledge base to answer from");

  let reply: Reply;
  try {
    reply = await replies.generateReply({
      instructions: renderTemplate(config.instructions, ctx.variables),
      question,
      passages,
      recentTurns: ctx.recentTurns(RECENT_TURNS),
      groundedOnly,
      minConfidence: config.minConfidence,
      // Conversation memory for generators that write (answers, slots, intent).
      variables: ctx.variables,
    });
  } catch (err) {
    if (isCancellation(err)) throw err;
    return handOff(`the reply generator failed: ${errorMessage(err)}`);
  }
  if (!reply.confident) return handOff(`${reply.generator} is unsure: ${reply.reason}`);
  if (reply.confidence < config.minConfidence) {
    return handOff(`${reply.generator} confidence ${reply.confidence} is under ${config.minConfidence}`);
  }
  ctx.say(reply.text, {
    ...(reply.citations.length > 0 ? { citations: reply.citations } : {}),
    generated: { by: reply.generator, confidence: reply.confidence },
  });
  ctx.variables[config.variable] = reply.text;
  return { port: "replied" };
}

/**
 * The best passages for `question`, or none: for an empty question, an unknown knowledge base
 * or a search that failed after its retries (each noted for the agents, never a stuck flow).
 */
async function searchKnowledge(
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
    ctx.note(`${label}: knowledge search failed (${errorMessage(err)}); treated as no match`);
    return [];
  }
}

function citationOf(passage: ScoredPassage): MessageCitation {
  return { articleId: passage.articleId, title: passage.title, ...(passage.url ? { url: passage.url } : {}) };
}

function errorMessage(err: unknown): string {
  // An ActivityFailure's own message is generic; its cause says what went wrong.
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return cause instanceof Error ? cause.message : String(cause);
}
