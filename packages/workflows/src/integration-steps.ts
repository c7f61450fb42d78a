import {
  buildHttpRequest,
  parseOutputMapping,
  markSecretReferences,
  parseCustomActivityInput,
  parseResponseMapping,
  parseSubflowInputs,
  parseSubflowOutputs,
  tryEvaluateExpression,
  SECRET_NAME_PATTERN,
  unmarkSecrets,
  withoutMarkers,
  type Assignment,
  type VariableValue,
  type Variables,
} from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { HttpRequestResult } from "@parley/activities";
import { customActivities, integrations } from "./activity-proxies";
import { cannedHttpResult } from "./simulation";
import { failureMessage, rethrowCancellation } from "./step-failures";
import type { StepContext, StepResult } from "./steps";
import { SubflowUnavailable } from "./subflows";

const nameOf = (node: FlowNode) => node.label ?? node.id;

/**
 * http_request: the templates are filled in here (deterministic; the concrete request is the
 * activity's input in history), the activity sends it and reads back only the mapped values.
 */
export async function httpRequestStep(config: NodeConfig<"http_request">, ctx: StepContext, node: FlowNode): Promise<StepResult> {
  const request = buildHttpRequest(config, ctx.variables);
  const parsedMapping = parseResponseMapping(config.responseMapping);
  const mapping = parsedMapping.ok ? parsedMapping.mappings.map(({ target, source }) => ({ variable: target, path: source })) : [];
  // A simulator's test conversation may answer the step itself: no request leaves.
  const canned = ctx.simulation?.canned(node);
  let result: HttpRequestResult;
  try {
    result =
      canned && "status" in canned
        ? cannedHttpResult(canned, mapping)
        : // Its workspace's secrets fill the request's {{secrets.NAME}} (in the activity, not here).
          await integrations.httpRequest({ ...request, conversationId: ctx.conversationId, mapping });
  } catch (err) {
    // Retries of a failing connection are used up (or the request was refused as invalid).
    rethrowCancellation(err);
    result = { ok: false, status: null, error: failureMessage(err) };
  }
  ctx.simulation?.record({
    input: { method: request.method, url: unmarkSecrets(request.url), body: request.body },
    output: result,
    canned: Boolean(canned && "status" in canned),
  });
  ctx.variables[config.statusVariable] = result.status;
  if (result.ok) {
    Object.assign(ctx.variables, result.values);
    ctx.variables[config.errorVariable] = "";
    return { port: "success" };
  }
  ctx.variables[config.errorVariable] = result.error;
  ctx.note(`${nameOf(node)}: ${request.method} ${unmarkSecrets(request.url)} failed (${result.error})`);
  return { port: "error" };
}

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

/** `name = expression` lines over the conversation's variables; a failing one gives null and a note. */
function evaluateAll(assignments: Assignment[], ctx: StepContext, node: FlowNode): Variables {
  const values: Variables = {};
  for (const assignment of assignments) {
    const result = tryEvaluateExpression(assignment.expression, ctx.variables);
    values[assignment.variable] = result.ok ? result.value : null;
    if (!result.ok) ctx.note(`${nameOf(node)}: ${assignment.variable} = ${assignment.source} failed (${result.error.message}); sent null`);
  }
  return values;
}

/** Variables hold scalars: lists and objects an activity returns are kept as JSON text. */
function toVariable(value: unknown): VariableValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  return JSON.stringify(value) ?? null;
}
