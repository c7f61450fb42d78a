import { buildHttpRequest, parseResponseMapping, unmarkSecrets } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig } from "@parley/flow";
import type { HttpRequestResult } from "@parley/activities";
import { integrations } from "../activity-proxies";
import { cannedHttpResult } from "../simulation";
import { failureMessage, rethrowCancellation } from "../step-failures";
import { nameOf } from "./evaluate-assignments";
import type { StepContext, StepResult } from "./step";

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
