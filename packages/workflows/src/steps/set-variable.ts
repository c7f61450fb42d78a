import { parseAssignments, tryEvaluateExpression } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { StepContext, StepResult } from "./step";

/** set_variable: each `name = expression` line in order; one that fails sets null, with a note. */
export async function setVariableStep(config: NodeConfig<"set_variable">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const parsed = parseAssignments(config.assignments);
  for (const assignment of parsed.ok ? parsed.assignments : []) {
    const result = tryEvaluateExpression(assignment.expression, ctx.variables);
    ctx.variables[assignment.variable] = result.ok ? result.value : null;
    if (!result.ok) ctx.note(`${node.label ?? node.id}: ${assignment.variable} = ${assignment.source} failed (${result.error.message}); set to null`);
  }
  return { port: "next" };
}
