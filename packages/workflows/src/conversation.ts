import { allHandlersFinished, condition } from "@temporalio/workflow";
import { normalizeCompiledFlow, type CompiledFlow } from "@parley/flow/runtime";
import type { ConversationInput, ConversationOutcome, ConversationStatus } from "./contracts";
import { persistence } from "./activity-proxies";
import { ConversationRun } from "./conversation-run";
import { handleAgentSignals } from "./agent-signals";
import { handleChannelMove } from "./channel-move";
import { handleSupervisorSignals } from "./supervisor-signals";
import { handleCustomerUpdates } from "./customer-updates";
import { conversationStepContext } from "./step-context";
import { interpret } from "./interpreter";
import { watchSla } from "./sla-watch";
import { saveTurn } from "./save-turn";
import { handleSimulation } from "./simulation";
import { storeHandedTurns } from "./handed-turns";

/**
 * One customer conversation: interprets the pinned, compiled flow graph node by node. Customer
 * messages arrive as Updates that resolve with the bot's reaction once the flow is idle again
 * (customer-updates.ts); agents and supervisors act through Signals (agent-signals.ts,
 * supervisor-signals.ts); the flow's steps wait and speak through the step context
 * (step-context.ts, idle.ts), and SLA clocks run beside the flow (sla-watch.ts). Long conversations continue as new at an idle point, carrying a checkpoint.
 */
export async function conversation(input: ConversationInput): Promise<ConversationOutcome> {
  const run = new ConversationRun(input);
  // Before the first await: updates and signals that came with the start are handled at once.
  handleAgentSignals(run);
  handleChannelMove(run);
  handleSupervisorSignals(run);
  handleCustomerUpdates(run);
  if (input.simulation) handleSimulation(run);
  const ctx = conversationStepContext(run);
  const slaWatcher = watchSla(run);
  void storeHandedTurns(run);

  // The flow as loaded at start is recorded in history; normalizing it here (pure, so replay-safe)
  // lets code that added config fields run conversations that started before the deploy.
  // A test conversation runs the draft frozen into its input; a real one its published version,
  // frozen into its input by the API too, or loaded when the start did not carry it. Which one
  // is decided by the input, itself in history, so a replay takes the same path: no patch.
  const flow: CompiledFlow = normalizeCompiledFlow(input.simulation?.flow ?? input.flow ?? (await persistence.loadFlow(input.flowVersionId)));
  run.nodeId ??= input.simulation?.startNodeId ?? flow.startNodeId;
  run.status = await interpret(run, ctx, flow, ctx, run.nodeId, (id) => {
    run.nodeId = id;
  });

  run.phase = "ended";
  run.slaChanged((clocks, now) => clocks.handoffEnded(now));
  await slaWatcher;
  await saveTurn(run);
  // Let pending update handlers return their replies before the workflow completes.
  await condition(allHandlersFinished);
  return { status: finalStatus(run.status), variables: run.variables, messageCount: run.transcript.seq };
}

/** The end node's status; "active" (no end says it, but a widened type allows it) closes. */
const finalStatus = (status: ConversationStatus) => (status === "active" ? "closed" : status);
