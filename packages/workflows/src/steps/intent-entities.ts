import { parseEntityMapping } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { understanding } from "../activity-proxies";
import { failureMessage, rethrowCancellation } from "../step-failures";
import type { StepContext } from "./step";

/**
 * The intent router's "Save entities": the first entity of each mapped type found in the text
 * goes into its variable; a variable keeps its value when the text has none (an order number
 * given earlier is not forgotten). A router without the setting calls nothing, so conversations
 * recorded before it existed replay unchanged.
 */
export async function saveRouterEntities(config: NodeConfig<"intent_router">, text: string, ctx: StepContext, node: FlowNode): Promise<void> {
  const mapping = parseEntityMapping(config.saveEntities ?? "");
  if (!mapping.ok || mapping.mappings.length === 0 || !text) return;
  try {
    // Workflow time: "tomorrow" means the same day on replay.
    const entities = await understanding.extractEntities({ text, referenceDate: new Date(Date.now()).toISOString().slice(0, 10) });
    for (const { target, source } of mapping.mappings) {
      const found = entities.find((entity) => entity.type === source);
      if (found) ctx.variables[target] = found.value;
    }
  } catch (err) {
    rethrowCancellation(err);
    ctx.note(`${node.label ?? node.id}: entity extraction failed (${failureMessage(err)}); no entities saved`);
  }
}
