import { parseSubflowInputs, parseSubflowOutputs, type Variables } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { SubflowUnavailable } from "../subflows";
import { evaluateAll, nameOf } from "./evaluate-assignments";
import type { StepContext, StepResult } from "./step";

/**
 * subflow: runs the called flow in this conversation with only the inputs as its variables; when
 * it reaches an end node, the outputs are copied back and the flow continues at `done`.
 */
export async function subflowStep(config: NodeConfig<"subflow">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const parsed = parseSubflowInputs(config.inputs);
  const inputs = evaluateAll(parsed.ok ? parsed.assignments : [], ctx, node);
  let result: Variables;
  try {
    result = await ctx.runSubflow(config.flowId, inputs, node.id);
  } catch (err) {
    // Anything else (an agent taking over, cancellation) concerns the whole conversation.
    if (!(err instanceof SubflowUnavailable)) throw err;
    ctx.note(`${nameOf(node)}: the subflow could not run (${err.message})`);
    return { port: "failed" };
  }
  const outputs = parseSubflowOutputs(config.outputs);
  for (const { target, source } of outputs.ok ? outputs.mappings : []) {
    ctx.variables[target] = Object.hasOwn(result, source) ? (result[source] ?? null) : null;
  }
  return { port: "done" };
}
