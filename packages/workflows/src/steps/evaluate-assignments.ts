import { tryEvaluateExpression, type Assignment, type Variables } from "@parley/flow/runtime";
import type { FlowNode } from "@parley/flow";
import type { StepContext } from "./step";

/** How notes name a node: its label, else its id. */
export const nameOf = (node: FlowNode) => node.label ?? node.id;

/** `name = expression` lines over the conversation's variables; a failing one gives null and a note. */
export function evaluateAll(assignments: Assignment[], ctx: StepContext, node: FlowNode): Variables {
  const values: Variables = {};
  for (const assignment of assignments) {
    const result = tryEvaluateExpression(assignment.expression, ctx.variables);
    values[assignment.variable] = result.ok ? result.value : null;
    if (!result.ok) ctx.note(`${nameOf(node)}: ${assignment.variable} = ${assignment.source} failed (${result.error.message}); sent null`);
  }
  return values;
}
