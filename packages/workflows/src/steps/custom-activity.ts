import {
  markSecretReferences,
  parseCustomActivityInput,
  parseOutputMapping,
  SECRET_NAME_PATTERN,
  withoutMarkers,
  type VariableValue,
} from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import { customActivities } from "../activity-proxies";
import { failureMessage, rethrowCancellation } from "../step-failures";
import { evaluateAll, nameOf } from "./evaluate-assignments";
import type { StepContext, StepResult } from "./step";

/** custom_activity: input from expressions, the developer's activity by its name, output into variables. */
export async function customActivityStep(config: NodeConfig<"custom_activity">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const parsed = parseCustomActivityInput(config.input);
  // A null input (an empty variable, a failed expression) is left out: the schema's default or
  // its "required" message then applies, rather than a confusing "expected number, got null".
  // Text loses NUL, so no value can pose as a secret's marker.
  const input: Record<string, unknown> = Object.fromEntries(
    Object.entries(evaluateAll(parsed.ok ? parsed.assignments : [], ctx, node))
      .filter(([, value]) => value !== null)
      .map(([field, value]) => [field, typeof value === "string" ? withoutMarkers(value) : value]),
  );
  // `field = {{secrets.NAME}}`: the activity gets the marker (and the conversation, to find the
  // workspace); the worker puts the value in, so history holds only the name.
  const secrets = (parsed.ok ? parsed.secrets : []).filter((secret) => SECRET_NAME_PATTERN.test(secret.name));
  for (const secret of secrets) input[secret.field] = markSecretReferences(`{{secrets.${secret.name}}}`, "text");
  const activity = customActivities[config.activity]!;
  const canned = ctx.simulation?.canned(node);
  const answered = canned && "output" in canned ? canned.output : undefined;
  let output: Record<string, unknown>;
  try {
    if (answered) output = answered;
    else output = secrets.length > 0 ? await activity(input, { conversationId: ctx.conversationId }) : await activity(input);
    ctx.simulation?.record({ input, output, canned: answered !== undefined });
  } catch (err) {
    rethrowCancellation(err);
    const error = failureMessage(err);
    ctx.simulation?.record({ input, output: { error }, canned: false });
    ctx.variables[config.errorVariable] = error;
    ctx.note(`${nameOf(node)}: ${config.activity} failed (${error})`);
    return { port: "error" };
  }
  const mapping = parseOutputMapping(config.output);
  for (const { target, source } of mapping.ok ? mapping.mappings : []) {
    ctx.variables[target] = Object.hasOwn(output, source) ? toVariable(output[source]) : null;
  }
  ctx.variables[config.errorVariable] = "";
  return { port: "success" };
}

/** Variables hold scalars: lists and objects an activity returns are kept as JSON text. */
function toVariable(value: unknown): VariableValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  return JSON.stringify(value) ?? null;
}
