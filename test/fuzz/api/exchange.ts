/**
 * Sending requests and judging every answer: no 5xx, no dropped connection, no server path or
 * stack line in the body. What went wrong is collected in `report`, with a count per status.
 */
import { repoRoot } from "../../support/env";
import { send, type RawRequest, type RawResponse } from "../raw-http";
import { tRpcRequest } from "./requests";
import { targets } from "./targets";

/** A well-formed call, for setting up and for checking the server afterwards. */
export async function call(path: string, input: unknown, method: "GET" | "POST" = "POST"): Promise<unknown> {
  const request = tRpcRequest(path, method, JSON.stringify(input));
  const answer = await send(targets.baseUrl, { ...request, headers: { cookie: targets.cookie, ...request.headers } });
  if ("dropped" in answer || answer.status !== 200) throw new Error(`${path} failed: ${JSON.stringify(answer)}`);
  return (JSON.parse(answer.body) as { result: { data: unknown } }).result.data;
}

/** What the fuzz sent and what came back wrong. */
export const report = {
  sent: 0,
  statusCounts: new Map<string, number>(),
  failures: [] as { request: string; answer: string }[],
};

/** Server-side paths and stack lines: never in an answer (Prisma's messages quote our sources). */
const LEAK = new RegExp(`${repoRoot.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}|node_modules/|\\n\\s+at .+:\\d+:\\d+|invocation in`);

/**
 * Sends one request as the signed-in owner, so hostile input gets past the authorization point to
 * the validation it tests; a request that brings its own cookie (the credentials family) keeps it.
 */
export async function exchange(request: RawRequest): Promise<RawResponse> {
  const answer = await send(targets.baseUrl, { ...request, headers: { cookie: targets.cookie, ...request.headers } });
  report.sent++;
  const key = "dropped" in answer ? "dropped" : String(answer.status);
  report.statusCounts.set(key, (report.statusCounts.get(key) ?? 0) + 1);
  const bad = "dropped" in answer ? "dropped" : answer.status >= 500 ? "5xx" : LEAK.test(answer.body) ? "leak" : null;
  if (bad) {
    report.failures.push({
      request: `${request.method} ${request.path.slice(0, 300)} ${describeBody(request.body)}`,
      answer: "dropped" in answer ? answer.dropped : `${answer.status} ${answer.body.slice(0, 500)}`,
    });
  }
  return answer;
}

function describeBody(body: RawRequest["body"]): string {
  if (body === undefined) return "";
  const text = typeof body === "string" ? body : `<${body.length} bytes>`;
  return text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
}
