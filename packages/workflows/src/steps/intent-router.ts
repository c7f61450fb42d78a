import { FALLBACK_PORT, intentPort, renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { understanding } from "../activity-proxies";
import { failureMessage, rethrowCancellation } from "../step-failures";
import { saveRouterEntities } from "./intent-entities";
import type { StepContext, StepResult } from "./step";
import { MAX_UNDERSTANDING_TEXT } from "./understanding-text";

/**
 * intent_router: recognises one of the node's intents in the text (the customer's last message
 * by default) and leaves by its port; anything else, or a failed recognition, is the fallback.
 */
export async function intentRouterStep(config: NodeConfig<"intent_router">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const text = renderTemplate(config.text, ctx.variables).trim().slice(0, MAX_UNDERSTANDING_TEXT);
  let intent: string = FALLBACK_PORT;
  let confidence = 0;
  if (text) {
    try {
      const intents = config.intents.map(({ name, examples }) => ({ name, examples }));
      const result = await understanding.recognizeIntent({ text, intents, threshold: config.threshold });
      // Only an intent of this node leads anywhere; anything else is the fallback.
      if (config.intents.some((candidate) => candidate.name === result.intent)) intent = result.intent;
      confidence = result.confidence;
    } catch (err) {
      rethrowCancellation(err);
      ctx.note(`${node.label ?? node.id}: intent recognition failed (${failureMessage(err)}); took the fallback exit`);
    }
  }
  ctx.variables[config.intentVariable] = intent;
  ctx.variables[config.confidenceVariable] = confidence;
  await saveRouterEntities(config, text, ctx, node);
  return { port: intent === FALLBACK_PORT ? FALLBACK_PORT : intentPort(intent) };
}
