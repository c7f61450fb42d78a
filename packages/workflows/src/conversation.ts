import { ApplicationFailure, allHandlersFinished, condition, setHandler } from "@temporalio/workflow";
import type { CompiledFlow, FlowNode } from "@parley/flow";
import {
  FailureType,
  MAX_MESSAGE_LENGTH,
  customerMessageUpdate,
  openingUpdate,
  stateQuery,
  type ConversationInput,
  type ConversationOutcome,
  type ConversationPhase,
  type ConversationStatus,
  type CustomerMessageInput,
  type TurnResult,
} from "./contracts";
import { persistence } from "./activity-proxies";
import { runStep, type StepContext } from "./steps";
import { Transcript } from "./transcript";

/**
 * One customer conversation: interprets the pinned, compiled flow graph node by node. Customer
 * messages arrive as Updates that resolve with the bot's reaction once the flow is idle again.
 */
export async function conversation(input: ConversationInput): Promise<ConversationOutcome> {
  const transcript = new Transcript(input.conversationId);
  const variables: Record<string, string> = { ...input.variables };
  const inbox: { seq: number; text: string }[] = [];
  let status: ConversationStatus = "active";
  let phase: ConversationPhase = "running";
  let nodeId: string | null = null;
  let consumedSeq = 0;

  const idleAfter = (seq: number) => phase === "ended" || (phase === "waiting" && consumedSeq >= seq);
  const turnResult = (afterSeq: number): TurnResult => ({
    status,
    replies: transcript.botRepliesAfter(afterSeq),
  });

  setHandler(stateQuery, () => ({ status, phase, nodeId, variables: { ...variables }, lastSeq: transcript.seq }));

  setHandler(openingUpdate, async () => {
    await condition(() => phase !== "running");
    return turnResult(0);
  });

  setHandler(
    customerMessageUpdate,
    async ({ text }: CustomerMessageInput) => {
      const message = transcript.add("contact", text.trim());
      inbox.push({ seq: message.seq, text: message.text });
      await condition(() => idleAfter(message.seq));
      return turnResult(message.seq);
    },
    {
      // Runs before the update is written to history: a rejected message leaves no trace.
      validator: (message: CustomerMessageInput) => {
        if (status !== "active" || phase === "ended") {
          throw ApplicationFailure.nonRetryable(`conversation is ${status}`, FailureType.ConversationEnded);
        }
        const text = typeof message?.text === "string" ? message.text.trim() : "";
        if (text.length === 0 || text.length > MAX_MESSAGE_LENGTH) {
          throw ApplicationFailure.nonRetryable(
            `message text must be 1 to ${MAX_MESSAGE_LENGTH} characters`,
            FailureType.InvalidMessage,
          );
        }
      },
    },
  );

  /** Persists everything said so far; messages stay queued if the write fails for good. */
  async function save(): Promise<void> {
    const batch = transcript.takeUnsaved();
    try {
      await persistence.recordTurn({
        conversationId: input.conversationId,
        messages: batch,
        status,
        variables,
      });
    } catch (err) {
      transcript.restoreUnsaved(batch);
      throw err;
    }
  }

  const ctx: StepContext = {
    variables,
    say: (text) => {
      transcript.add("bot", text);
    },
    waitForCustomer: async () => {
      await save();
      phase = "waiting";
      await condition(() => inbox.length > 0);
      const next = inbox.shift()!;
      consumedSeq = next.seq;
      phase = "running";
      return next.text;
    },
  };

  const flow: CompiledFlow = await persistence.loadFlow(input.flowVersionId);
  nodeId = flow.startNodeId;
  while (nodeId !== null) {
    const node: FlowNode | undefined = flow.nodes[nodeId];
    if (!node) throw ApplicationFailure.nonRetryable(`flow has no node ${nodeId}`, FailureType.InvalidFlow);
    const result = await runStep(node, ctx);
    if ("end" in result) {
      status = result.end;
      break;
    }
    const target: string | undefined = flow.next[node.id]?.[result.port];
    if (!target) {
      throw ApplicationFailure.nonRetryable(`node ${node.id} has no edge from port ${result.port}`, FailureType.InvalidFlow);
    }
    nodeId = target;
  }

  phase = "ended";
  await save();
  // Let pending update handlers return their replies before the workflow completes.
  await condition(allHandlersFinished);
  return { status: status === "active" ? "closed" : status, variables, messageCount: transcript.seq };
}
