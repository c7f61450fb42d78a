import { renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { citationOf, searchKnowledge } from "./knowledge-search";
import type { StepContext, StepResult } from "./step";

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
