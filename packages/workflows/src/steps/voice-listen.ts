import { renderTemplate } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/**
 * voice_listen: says the prompt (if any), then waits at most `noInputSeconds` for the caller's
 * utterance → `heard` (stored) or `silence` (the variable is null). The gateway reads
 * `endOfSpeechMs` from the node the conversation waits at (state query) to end the caller's turn.
 * The no-input clock starts when the flow starts listening, not when the prompt finishes playing.
 */
export async function voiceListenStep(config: NodeConfig<"voice_listen">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  if (!ctx.resuming(node.id)) {
    const prompt = renderTemplate(config.prompt, ctx.variables).trim();
    if (prompt) ctx.say(prompt, { voiceText: prompt });
  }
  const heard = await ctx.waitForCustomer(Date.now() + config.noInputSeconds * 1000);
  ctx.variables[config.variable] = heard;
  return { port: heard === null ? "silence" : "heard" };
}
