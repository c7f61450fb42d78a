import { patched, setHandler } from "@temporalio/workflow";
import { parseResponsePath, readResponsePath, type Variables } from "@parley/flow/runtime";
import type { FlowNode } from "@parley/flow";
import type { NodeRun } from "./contracts";
import type { ConversationRun } from "./conversation-run";
import { skipWaitSignal, type CannedResponse, type NodeRunDetail } from "./simulation-contracts";

/**
 * The simulator's side of a test conversation: waits it may skip, canned answers for steps that
 * call out, and what each step saw. Installed only when the start input has `simulation`.
 */
export function handleSimulation(run: ConversationRun): void {
  setHandler(skipWaitSignal, () => {
    if (run.timedWait) run.skipWait = true;
    else if (run.sla?.nextDueAt(Date.now()) != null) {
      run.skipSla = true;
      run.slaVersion++;
    }
  });
}

/**
 * The canned answer for a node of a test conversation, if the tester gave one. Only the tested
 * flow's own nodes: a subflow's nodes may reuse its ids, and they are not the tester's to answer.
 */
export function cannedResponseFor(run: ConversationRun, node: FlowNode): CannedResponse | undefined {
  if (run.subflowPath.length > 0) return undefined;
  const canned = run.input.simulation?.cannedResponses;
  return canned && Object.hasOwn(canned, node.id) ? canned[node.id] : undefined;
}

/** Adds to what the running step of a test conversation records (nothing for real ones). */
export function recordStepDetail(run: ConversationRun, detail: NodeRunDetail): void {
  if (!run.input.simulation || !run.currentRun) return;
  run.currentRun.detail = { ...run.currentRun.detail, ...detail };
}

/**
 * Records the variables after a step and where the transcript stood: a conversation's path shows
 * them (and the messages of each step), "re-run from this step" starts a test with them. Real
 * conversations record them since NODE_RUN_VARIABLES (they travel in the save-turn activity's
 * input, so histories recorded before must replay without).
 */
export function recordVariablesAfter(run: ConversationRun, nodeRun: NodeRun, variables: Variables): void {
  if (run.input.simulation || patched(NODE_RUN_VARIABLES)) nodeRun.detail = { ...nodeRun.detail, variables: { ...variables }, seq: run.transcript.seq };
}

const NODE_RUN_VARIABLES = "node-run-variables";

/** What the HTTP activity would have returned for a canned status and body (the same mapping rules). */
export function cannedHttpResult(
  canned: { status: number; body: unknown },
  mapping: { variable: string; path: string }[],
): { ok: true; status: number; values: Variables } | { ok: false; status: number; error: string } {
  if (canned.status < 200 || canned.status > 299) return { ok: false, status: canned.status, error: `HTTP ${canned.status} (canned)` };
  const view = { status: canned.status, headers: {}, body: canned.body };
  const values: Variables = {};
  for (const { variable, path } of mapping) {
    const parsed = parseResponsePath(path);
    values[variable] = parsed.ok ? readResponsePath(view, parsed.path) : null;
  }
  return { ok: true, status: canned.status, values };
}
