import { renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { understanding } from "../activity-proxies";
import { failureMessage, rethrowCancellation } from "../step-failures";
import type { StepContext, StepResult } from "./step";
import { MAX_UNDERSTANDING_TEXT } from "./understanding-text";

/** sentiment_gate: `negative` when the text's score is under the threshold, else `ok` (also when analysis failed). */
export async function sentimentGateStep(config: NodeConfig<"sentiment_gate">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const text = renderTemplate(config.text, ctx.variables).trim().slice(0, MAX_UNDERSTANDING_TEXT);
  // No text is no signal: neutral.
  let score: number | null = 0;
  if (text) {
    try {
      score = (await understanding.analyzeSentiment({ text })).score;
    } catch (err) {
      rethrowCancellation(err);
      score = null;
      ctx.note(`${node.label ?? node.id}: sentiment analysis failed (${failureMessage(err)}); took the OK exit`);
    }
  }
  ctx.variables[config.variable] = score;
  return { port: score !== null && score < config.threshold ? "negative" : "ok" };
}
