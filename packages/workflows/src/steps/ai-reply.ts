import { isCancellation } from "@temporalio/workflow";
import { renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { Reply } from "@parley/activities";
import { replies } from "../activity-proxies";
import { activityErrorMessage, searchKnowledge } from "./knowledge-search";
import type { StepContext, StepResult } from "./step";

/** How much of the conversation an AI reply sees besides the question. */
const RECENT_TURNS = 10;
/** Passages given to the reply generator. */
const GROUNDING_PASSAGES = 3;

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
    return handOff(`the reply generator failed: ${activityErrorMessage(err)}`);
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
