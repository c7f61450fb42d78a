import type { NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/** wait: sleeps on a durable timer for the minutes, or until the moment (workflow time). */
export async function waitStep(config: NodeConfig<"wait">, ctx: StepContext): Promise<StepResult> {
  const until = config.mode === "until" ? Date.parse(config.until) : Date.now() + config.minutes * 60_000;
  await ctx.pause(until);
  return { port: "next" };
}
