import { parseAssignments, tryEvaluateExpression } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/**
 * start: sets the initial variables the starter (API, channel) did not provide, in order, so a
 * later line sees an earlier one. Which channel and trigger started the conversation was checked
 * by the API before the workflow started. An expression that fails sets null, with a note.
 */
export async function startStep(config: NodeConfig<"start">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const parsed = config.variables.trim() ? parseAssignments(config.variables) : null;
  const provided = new Set(Object.keys(ctx.variables));
  for (const assignment of parsed?.ok ? parsed.assignments : []) {
    if (provided.has(assignment.variable)) continue;
    const result = tryEvaluateExpression(assignment.expression, ctx.variables);
    ctx.variables[assignment.variable] = result.ok ? result.value : null;
    if (!result.ok) ctx.note(`${node.label ?? node.id}: ${assignment.variable} = ${assignment.source} failed (${result.error.message}); set to null`);
  }
  return { port: "next" };
}
