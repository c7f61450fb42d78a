import { calendarFromConfig, isOpen } from "@parley/flow/runtime";
import type { NodeConfig } from "@parley/flow";
import type { StepResult } from "./step";

/** business_hours: `open` or `closed` at the workflow's time, by the node's calendar. */
export async function businessHoursStep(config: NodeConfig<"business_hours">): Promise<StepResult> {
  return { port: isOpen(calendarFromConfig(config), Date.now()) ? "open" : "closed" };
}
