import { renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { parseRating } from "../ratings";
import type { StepContext, StepResult } from "./step";

/** The quick reply that skips the comment question. */
const NO_COMMENT = "No comment";
/** A comment is kept for reading, not as an archive: longer text is cut. */
const MAX_COMMENT_CHARS = 1000;

/**
 * csat: asks for a rating on the kind's scale, stores it in the variable and on the conversation;
 * after a rating, the comment question (when the node has one) and the customer's comment.
 */
export async function csatStep(config: NodeConfig<"csat">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const max = config.scale === "1-10" ? 10 : 5;
  const options = Array.from({ length: max }, (_, i) => String(i + 1));
  if (!ctx.resuming(node.id)) ctx.say(renderTemplate(config.question, ctx.variables), { quickReplies: options });
  // One second chance for an answer that isn't a rating, then move on without one.
  let rating = parseRating(await ctx.waitForCustomer(), max);
  if (rating === null) {
    ctx.say(`Please answer with a number from 1 to ${max}.`, { quickReplies: options });
    rating = parseRating(await ctx.waitForCustomer(), max);
  }
  ctx.variables[config.variable] = rating;
  ctx.recordCsat(rating, max);
  // Flows without a comment question (every flow before it existed) send the same commands as before.
  const question = rating === null ? "" : renderTemplate(config.comment ?? "", ctx.variables).trim();
  if (question) {
    ctx.say(question, { quickReplies: [NO_COMMENT] });
    const comment = (await ctx.waitForCustomer())?.trim() ?? "";
    if (comment && comment.toLowerCase() !== NO_COMMENT.toLowerCase()) ctx.recordCsatComment(comment.slice(0, MAX_COMMENT_CHARS));
  }
  const thanks = renderTemplate(config.thanks, ctx.variables).trim();
  if (rating !== null && thanks) ctx.say(thanks);
  return { port: "next" };
}
