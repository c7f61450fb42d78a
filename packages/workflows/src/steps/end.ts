import { renderTemplate } from "@parley/flow/runtime";
import type { NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/** end: says the closing message (if any) and ends the conversation (or the subflow) with the status. */
export async function endStep(config: NodeConfig<"end">, ctx: StepContext): Promise<StepResult> {
  const closing = renderTemplate(config.message, ctx.variables).trim();
  if (closing) ctx.say(closing);
  return { end: config.status };
}
