import { renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { parseRating } from "../ratings";
import type { StepContext, StepResult } from "./step";

/** csat: asks for a rating on the kind's scale, stores it in the variable and on the conversation. */
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
  const thanks = renderTemplate(config.thanks, ctx.variables).trim();
  if (rating !== null && thanks) ctx.say(thanks);
  return { port: "next" };
}
