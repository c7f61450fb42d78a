import { ApplicationFailure } from "@temporalio/workflow";
import { LAST_MESSAGE_VARIABLE, type CompiledFlow, type Variables } from "@parley/flow/runtime";
import type { FlowNode } from "@parley/flow";
import { FailureType, type ConversationStatus, type NodeRun } from "./contracts";
import type { ConversationRun } from "./conversation-run";
import { ResolvedByAgent, TakenOver } from "./interruptions";
import { recordVariablesAfter } from "./simulation";
import { runStep, type StepContext, type StepResult } from "./steps";
import { MAX_SUBFLOW_DEPTH, SubflowUnavailable } from "./subflows";

/**
 * Interprets `graph` from node `from` until one of its end nodes and returns that end's status.
 * The conversation's flow runs here, and so does each subflow (nested, with its own scope);
 * `onNode` follows the current node (the conversation's own loop keeps `nodeId` up to date).
 * `root` is the conversation's own step context: a take-over is handled there, whatever the scope.
 */
export async function interpret(
  run: ConversationRun,
  root: StepContext,
  graph: CompiledFlow,
  scope: StepContext,
  from: string,
  onNode: (id: string) => void,
): Promise<Exclude<ConversationStatus, "active">> {
  const { nodeRuns } = run;
  const nested = run.subflowPath.length > 0;
  // A subflow's node runs are recorded under the subflow node that called it: `ask` in the
  // subflow called by node `orders` is `orders/ask`.
  const runPrefix = run.subflowPath.map((id) => `${id}/`).join("");
  let at = from;
  for (;;) {
    const node: FlowNode | undefined = graph.nodes[at];
    if (!node) throw ApplicationFailure.nonRetryable(`flow has no node ${at}`, FailureType.InvalidFlow);
    const nodeRun: NodeRun = !nested && run.resumingAt === node.id && run.currentRun ? run.currentRun : nodeRuns.start(runPrefix + node.id, node.kind);
    run.currentRun = nodeRun;
    let result: StepResult;
    let takenOver = false;
    try {
      result = await runStep(node, scope);
    } catch (err) {
      if (nested && (err instanceof TakenOver || err instanceof ResolvedByAgent)) {
        // These concern the whole conversation: the conversation's own loop handles them (a
        // take-over that is handed back runs the subflow node again from its start).
        nodeRuns.finish(nodeRun, err instanceof TakenOver ? "taken_over" : "end:resolved");
        run.currentRun = null;
        throw err;
      }
      if (err instanceof TakenOver && run.takeOver) {
        // The agent has it now; if they hand it back, this node runs again from the start.
        takenOver = true;
        nodeRuns.finish(nodeRun, "taken_over");
        run.currentRun = null;
        const { agentId, team } = run.takeOver;
        run.takeOver = null;
        root.startHandoff({ team, skills: [], priority: "normal", note: "", assigneeId: agentId });
        if ((await root.waitForAgent(false)) === "returned") continue;
        result = { end: "resolved" };
      } else if (err instanceof ResolvedByAgent) {
        result = { end: "resolved" };
      } else {
        throw err;
      }
    }
    if (!takenOver) {
      recordVariablesAfter(run, nodeRun, scope.variables);
      nodeRuns.finish(nodeRun, "end" in result ? `end:${result.end}` : result.port);
    }
    run.currentRun = null;
    if ("end" in result) return result.end;
    const target: string | undefined = graph.next[node.id]?.[result.port];
    if (!target) {
      throw ApplicationFailure.nonRetryable(`node ${node.id} has no edge from port ${result.port}`, FailureType.InvalidFlow);
    }
    at = target;
    onNode(target);
  }
}

/**
 * A subflow node's call: the called flow runs in this workflow (customer messages keep arriving
 * as updates here) with its own variables; the built-in `last_message` is shared with the caller.
 */
export async function runSubflow(
  run: ConversationRun,
  root: StepContext,
  caller: StepContext,
  flowId: string,
  childVariables: Variables,
  callerNodeId: string,
): Promise<Variables> {
  if (run.subflowPath.length >= MAX_SUBFLOW_DEPTH) {
    throw new SubflowUnavailable(`subflows are nested more than ${MAX_SUBFLOW_DEPTH} deep`);
  }
  const graph = await run.subflows.load(run.conversationId, flowId);
  const lastMessage = caller.variables[LAST_MESSAGE_VARIABLE];
  if (lastMessage !== undefined) childVariables[LAST_MESSAGE_VARIABLE] = lastMessage;
  const scope: StepContext = {
    ...caller,
    variables: childVariables,
    // Only the conversation's own nodes resume after a continue-as-new (never inside a subflow).
    resuming: () => false,
    waitForCustomer: (async (untilMs?: number) => {
      const text = untilMs === undefined ? await caller.waitForCustomer() : await caller.waitForCustomer(untilMs);
      if (text !== null) childVariables[LAST_MESSAGE_VARIABLE] = text;
      return text;
    }) as StepContext["waitForCustomer"],
    runSubflow: (nestedFlowId, nestedVariables, nestedCaller) => runSubflow(run, root, scope, nestedFlowId, nestedVariables, nestedCaller),
  };
  run.subflowPath.push(callerNodeId);
  try {
    // An end node of the subflow returns here instead of ending the conversation.
    await interpret(run, root, graph, scope, graph.startNodeId, () => {});
  } finally {
    run.subflowPath.pop();
  }
  return childVariables;
}
