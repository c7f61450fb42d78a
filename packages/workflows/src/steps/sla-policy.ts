import { slaPolicyFromConfig } from "@parley/flow/runtime";
import type { NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/** sla_policy: attaches the policy; its clocks run while a person has the conversation. */
export async function slaPolicyStep(config: NodeConfig<"sla_policy">, ctx: StepContext): Promise<StepResult> {
  ctx.attachSla(slaPolicyFromConfig(config));
  return { port: "next" };
}
