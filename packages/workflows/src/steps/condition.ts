import { parseExpression, tryEvaluateExpression } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/** condition: the first branch whose expression is true, else `else`. */
export async function conditionStep(config: NodeConfig<"condition">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const branches = [
    ["if", config.if],
    ["elseIf1", config.elseIf1],
    ["elseIf2", config.elseIf2],
  ] as const;
  for (const [port, source] of branches) {
    if (!source.trim()) continue;
    // An expression that fails at run time counts as false, with a note for the agents:
    // throwing here would fail the workflow task and retry it forever.
    const parsed = parseExpression(source);
    const result = parsed.ok ? tryEvaluateExpression(parsed.expr, ctx.variables) : null;
    if (result?.ok && result.value === true) return { port };
    if (result && !result.ok) ctx.note(`${node.label ?? node.id}: "${source}" failed (${result.error.message}); treated as false`);
  }
  return { port: "else" };
}
