import {
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  setHandler,
  workflowInfo,
} from "@temporalio/workflow";
import { LAST_MESSAGE_VARIABLE, normalizeCompiledFlow, textProblem, type CompiledFlow, type FlowNode, type Variables } from "@parley/flow";
import {
  DEFAULT_CONTINUE_AS_NEW_EVENTS,
  FailureType,
  MAX_MESSAGE_LENGTH,
  agentMessageSignal,
  assignSignal,
  customerMessageUpdate,
  customerVoiceMessageUpdate,
  handBackSignal,
  openingUpdate,
  resolveSignal,
  stateQuery,
  type ConversationInput,
  type ConversationOutcome,
  type ConversationPhase,
  type ConversationStatus,
  type CustomerMessageInput,
  type CustomerVoiceMessageInput,
  type HandoffState,
  type NodeRun,
  type TurnResult,
  type VoiceTurnResult,
  type VoiceUtterance,
} from "./contracts";
import { escalation, persistence, speech } from "./activity-proxies";
import { failureMessage, rethrowCancellation } from "./step-failures";
import { isDataRejected, storable } from "./storable";
import { clientMessageIdProblem, customerMessageProblem, isAssignment } from "./message-checks";
import { NodeRunLog } from "./node-runs";
import { escalate } from "./escalation";
import { SlaClocks } from "./sla";
import { runStep, type StepContext, type StepResult } from "./steps";
import { Transcript } from "./transcript";
import { MAX_SUBFLOW_DEPTH, SubflowUnavailable, SubflowVersions } from "./subflows";
import { ClientMessages, messageFingerprint } from "./client-messages";

/**
 * One customer conversation: interprets the pinned, compiled flow graph node by node. Customer
 * messages arrive as Updates that resolve with the bot's reaction once the flow is idle again.
 * Long conversations continue as new at an idle point, carrying a checkpoint.
 */
export async function conversation(input: ConversationInput): Promise<ConversationOutcome> {
  const checkpoint = input.checkpoint;
  const transcript = new Transcript(input.conversationId, checkpoint?.lastSeq ?? 0);
  const nodeRuns = new NodeRunLog(input.conversationId, checkpoint?.nodeRunCount ?? 0);
  const variables: Variables = { ...input.variables };
  const inbox: { seq: number; text: string }[] = [];
  const clientMessages = new ClientMessages(checkpoint?.recentClientMessages);
  const rollOverAt = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_EVENTS;
  let status: ConversationStatus = checkpoint?.status ?? "active";
  let phase: ConversationPhase = "running";
  let nodeId: string | null = checkpoint?.nodeId ?? null;
  let consumedSeq = checkpoint?.lastSeq ?? 0;
  /** The node waiting for an answer when this run started from a checkpoint. */
  let resumingAt: string | null = checkpoint?.nodeId ?? null;
  let currentRun: NodeRun | null = checkpoint?.openNodeRun ?? null;
  let handoff: HandoffState | null = checkpoint?.handoff ?? null;
  /** What the agent decided while the conversation was handed off. */
  let agentOutcome: "resolved" | "returned" | null = null;
  /** An agent resolved the conversation while the bot had it: stop wherever the flow waits. */
  let resolvedByAgent = false;
  /** An agent took the conversation from the bot: interrupt the bot's wait and hand it over. */
  let takeOver: { agentId: string; team: string } | null = null;
  /** Agent activity (messages, assignment) waiting to be persisted. */
  let dirty = false;
  let csat: { score: number | null; scale: number } | null = null;
  let sla: SlaClocks | null = checkpoint?.sla ? new SlaClocks(checkpoint.sla) : null;
  /** Bumped on every SLA clock change, so the SLA loop re-plans its timer. */
  let slaVersion = 0;
  const slaChanged = (change: (clocks: SlaClocks, now: number) => void) => {
    if (!sla) return;
    change(sla, Date.now());
    slaVersion++;
    dirty = true;
  };

  const idleAfter = (seq: number) => phase === "ended" || (phase === "waiting" && consumedSeq >= seq);
  const turnResult = (afterSeq: number): TurnResult => ({
    status,
    replies: transcript.repliesAfter(afterSeq),
  });

  setHandler(stateQuery, () => ({
    status,
    phase,
    nodeId,
    variables: { ...variables },
    lastSeq: transcript.seq,
    continuedRuns: checkpoint?.continuedRuns ?? 0,
    handoff,
    sla: sla?.view(Date.now()) ?? null,
  }));

  setHandler(agentMessageSignal, (message) => {
    // A signal cannot be refused, only dropped: a payload of the wrong shape must not throw (that
    // fails the workflow task again and again), and an agent id that is not text cannot be stored.
    const { agentId, text } = (message ?? {}) as { agentId?: unknown; text?: unknown };
    const clean = typeof text === "string" ? text.trim() : "";
    if (phase === "ended" || !clean || clean.length > MAX_MESSAGE_LENGTH || (agentId != null && typeof agentId !== "string")) return;
    // The shared text rule (broken UTF-16, control characters, invisible-only text) is checked
    // behind a patch: a history recorded before it replays its agent messages as they were.
    if (textProblem(clean, { label: "agent message", max: MAX_MESSAGE_LENGTH }) && patched(AGENT_TEXT_RULE)) return;
    transcript.add("agent", clean, agentId ?? undefined);
    dirty = true;
    if (status === "handoff") slaChanged((clocks, now) => clocks.agentReplied(now));
  });
  setHandler(assignSignal, (change) => {
    // Dropped unless storable (see agentMessage); such payloads never saved before either.
    if (phase === "ended" || !isAssignment(change)) return;
    const { agentId, team, note } = change;
    if (note) transcript.add("system", note);
    dirty = true;
    if (status !== "handoff") {
      // Assigning a conversation the bot has: the agent takes it over at the bot's next wait.
      if (agentId) takeOver = { agentId, team: team ?? "Support" };
      return;
    }
    handoff = {
      team: team ?? handoff?.team ?? "Support",
      skills: handoff?.skills ?? [],
      priority: handoff?.priority ?? "normal",
      assigneeId: agentId,
      since: handoff?.since ?? new Date().toISOString(),
    };
  });
  setHandler(resolveSignal, () => {
    if (phase === "ended") return;
    if (status === "handoff") agentOutcome = "resolved";
    else resolvedByAgent = true;
  });
  setHandler(handBackSignal, () => {
    if (status === "handoff") agentOutcome = "returned";
  });

  setHandler(openingUpdate, async () => {
    await condition(() => phase !== "running");
    return turnResult(0);
  });

  /** Rejects messages to a conversation that is over (before anything is written to history). */
  const ensureOpen = () => {
    if ((status !== "active" && status !== "handoff") || phase === "ended") {
      throw ApplicationFailure.nonRetryable(`conversation is ${status}`, FailureType.ConversationEnded);
    }
  };

  /**
   * Records the customer's words, queues them for the flow, and answers once the bot is idle.
   * With a client message id the turn's result is remembered, so a resend is answered, not applied.
   */
  async function acceptCustomerMessage(text: string, spoken: VoiceUtterance | undefined, clientMessageId?: string): Promise<TurnResult> {
    // Only `spoken` goes to meta: old histories (typed messages) produce the very same message.
    const message = transcript.add("contact", text, undefined, spoken ? { spoken } : undefined);
    inbox.push({ seq: message.seq, text: message.text });
    if (status === "handoff") slaChanged((clocks, now) => clocks.customerWrote(now));
    await condition(() => idleAfter(message.seq));
    const accepted = { id: message.id, seq: message.seq, ...(clientMessageId ? { fingerprint: messageFingerprint(text) } : {}) };
    const result = { ...turnResult(message.seq), accepted };
    clientMessages.remember(clientMessageId, messageFingerprint(text), result);
    return result;
  }

  /**
   * A client message id already answered (in this run or one before a continue-as-new): the same
   * words get the first answer again; other words under that id are refused (the API says 409).
   */
  const rememberedAnswer = (clientMessageId: string | undefined, fingerprint: () => string): TurnResult | undefined => {
    const known = clientMessages.find(clientMessageId);
    if (known && known.fingerprint !== fingerprint()) {
      throw ApplicationFailure.nonRetryable(
        `message id ${clientMessageId} was already used for a different message`,
        FailureType.MessageIdReused,
      );
    }
    return known?.result;
  };

  const onCustomerMessage = async ({ text, voice, clientMessageId }: CustomerMessageInput) =>
    rememberedAnswer(clientMessageId, () => messageFingerprint(text)) ?? acceptCustomerMessage(text.trim(), voice, clientMessageId);
  setHandler(customerMessageUpdate, onCustomerMessage, {
    // Runs before the update is written to history: a rejected message leaves no trace.
    validator: (message: CustomerMessageInput) => {
      if (typeof message?.text === "string" && rememberedAnswer(message.clientMessageId, () => messageFingerprint(message.text))) return;
      ensureOpen();
      // The API's rules, again: a client that talks to Temporal directly gets the same answer.
      const problem = customerMessageProblem(message);
      if (problem) throw ApplicationFailure.nonRetryable(problem, FailureType.InvalidMessage);
    },
  });

  // A voice message: transcribed by an activity (slow, retried, in history), then exactly a typed
  // message with meta.spoken. Messages that arrive meanwhile are not held back: the voice
  // message takes its place in the transcript when its words are known.
  setHandler(
    customerVoiceMessageUpdate,
    async ({ recordingId, clientMessageId }: CustomerVoiceMessageInput): Promise<VoiceTurnResult> => {
      const known = clientMessages.find(clientMessageId);
      if (known) return known.result as VoiceTurnResult;
      const heard = await transcribeVoiceMessage(recordingId);
      // The conversation may have ended while the engine listened: then nothing is recorded.
      ensureOpen();
      if (!heard.text) {
        throw ApplicationFailure.nonRetryable("no speech was heard in the recording", FailureType.NoSpeech);
      }
      // The recording keeps every word; a transcript longer than a message is cut to fit.
      const { text, ...spoken } = heard;
      const turn = { ...(await acceptCustomerMessage(text.slice(0, MAX_MESSAGE_LENGTH), spoken)), heard };
      // Remembered with what was heard: a resend of the upload is answered exactly like the first.
      clientMessages.remember(clientMessageId, `recording-${recordingId}`, turn);
      return turn;
    },
    {
      validator: (message: CustomerVoiceMessageInput) => {
        if (clientMessages.find(message?.clientMessageId)) return;
        ensureOpen();
        const id: unknown = message?.recordingId;
        if (typeof id !== "string" || id.length === 0 || id.length > 64) {
          throw ApplicationFailure.nonRetryable("recordingId must be 1 to 64 characters", FailureType.InvalidMessage);
        }
        const idProblem = clientMessageIdProblem(message.clientMessageId);
        if (idProblem) throw ApplicationFailure.nonRetryable(idProblem, FailureType.InvalidMessage);
      },
    },
  );

  /** The activity's transcript; any failure (after its retries) is one the caller can act on. */
  async function transcribeVoiceMessage(recordingId: string): Promise<VoiceUtterance & { text: string }> {
    try {
      // The conversation's id scopes the lookup: another conversation's recording is "not found".
      return await speech.transcribeRecording({ recordingId, conversationId: input.conversationId });
    } catch (err) {
      rethrowCancellation(err);
      throw ApplicationFailure.nonRetryable(
        `the voice message could not be transcribed: ${failureMessage(err)}`,
        FailureType.RecordingUnavailable,
      );
    }
  }

  /** Persists everything said and run so far; it stays queued if the write fails for good. */
  async function save(): Promise<void> {
    const messages = transcript.takeUnsaved();
    const runs = nodeRuns.takeUnsaved();
    const turn = {
      conversationId: input.conversationId,
      messages,
      nodeRuns: runs,
      status,
      variables,
      handoff,
      sla: sla?.view(Date.now()) ?? null,
      ...(csat ? { csat } : {}),
    };
    try {
      try {
        await persistence.recordTurn(turn);
      } catch (err) {
        // Text the database can never store (the validators keep it out; this is the defence
        // behind them) must not jam the conversation: the turn is stored once more with the
        // offending characters replaced. Histories recorded before DataRejected existed never
        // reach this branch, so it needs no patch.
        if (!isDataRejected(err)) throw err;
        await persistence.recordTurn(storable(turn));
      }
    } catch (err) {
      transcript.restoreUnsaved(messages);
      nodeRuns.restoreUnsaved(runs);
      throw err;
    }
  }

  /** Subflow versions pinned by this conversation, and the subflow nodes running now (outermost first). */
  const subflows = new SubflowVersions(checkpoint?.subflowVersions);
  const subflowPath: string[] = [];

  const rollOverDue = () => workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= rollOverAt;

  /**
   * Hands the conversation to a new run while it waits for the customer. Only when nothing is
   * in flight: no queued message, every update answered, everything persisted.
   */
  async function continueAsNewIfDue(waitingAt: string): Promise<void> {
    if (!rollOverDue()) return;
    // A checkpoint names one node of the conversation's flow: a wait inside a subflow cannot be
    // resumed from it, so the hand-over waits until the subflow has returned (every wait point
    // of a subflow behaves as if it passed waitingAt null, like ctx.pause).
    if (subflowPath.length > 0) return;
    // A message queued meanwhile ends the wait too: its handler (e.g. a voice message that was
    // still being transcribed when this wait began) cannot finish until the flow consumes it.
    // The two predicates differ only in that state, which `allHandlersFinished` alone never left
    // (a deadlock), so recorded histories replay unchanged: no patch needed.
    await condition(() => allHandlersFinished() || inbox.length > 0);
    if (inbox.length > 0) return;
    await save();
    if (inbox.length > 0) return;
    // An agent's message or an escalation note that came in while the turn was being saved is not
    // in the database yet: save it first (the idle loop does), never hand it over unsaved.
    if (dirty && patched(SAVE_LATE_ACTIVITY_BEFORE_HANDOVER)) return;
    await continueAsNew<typeof conversation>({
      conversationId: input.conversationId,
      flowVersionId: input.flowVersionId,
      variables,
      continueAsNewAfterEvents: input.continueAsNewAfterEvents,
      checkpoint: {
        nodeId: waitingAt,
        status,
        lastSeq: transcript.seq,
        nodeRunCount: nodeRuns.runCount,
        openNodeRun: currentRun,
        continuedRuns: (checkpoint?.continuedRuns ?? 0) + 1,
        handoff,
        sla: sla?.state ?? null,
        ...(subflows.checkpoint ? { subflowVersions: subflows.checkpoint } : {}),
        ...(clientMessages.checkpoint ? { recentClientMessages: clientMessages.checkpoint } : {}),
      },
    });
  }

  /**
   * Waits (idle) until `done()`, persisting agent activity as it arrives and continuing as new
   * when history has grown enough. Every wait point of the flow goes through here.
   */
  async function idleUntil(done: () => boolean, waitingAt: string | null, deadline?: number): Promise<void> {
    await save();
    phase = "waiting";
    while (!done()) {
      const wake = () => done() || dirty || rollOverDue();
      if (deadline === undefined) await condition(wake);
      else if (deadline > Date.now()) await condition(wake, deadline - Date.now());
      else break;
      if (dirty) {
        dirty = false;
        await save();
      } else if (!done() && waitingAt) {
        await continueAsNewIfDue(waitingAt);
      }
    }
    phase = "running";
  }

  const ctx: StepContext = {
    conversationId: input.conversationId,
    variables,
    recentTurns: (limit) => transcript.recentTurns(limit),
    say: (text, meta) => {
      transcript.add("bot", text, undefined, meta);
    },
    pause: async (untilMs) => {
      for (;;) {
        // No continue-as-new while paused (null): the deadline is not part of the checkpoint.
        await idleUntil(() => inbox.length > 0 || resolvedByAgent || takeOver !== null || Date.now() >= untilMs, null, untilMs);
        while (inbox.length > 0) consumedSeq = inbox.shift()!.seq; // kept in the transcript
        if (resolvedByAgent) throw new ResolvedByAgent();
        if (takeOver) throw new TakenOver();
        if (Date.now() >= untilMs) return;
      }
    },
    note: (text) => {
      transcript.add("system", text);
    },
    recordCsat: (score, scale) => {
      csat = { score, scale };
      dirty = true;
    },
    resuming: (resumingNodeId) => {
      if (resumingAt !== resumingNodeId) return false;
      resumingAt = null;
      return true;
    },
    waitForCustomer: (async (untilMs?: number) => {
      // With a deadline no continue-as-new (null), as in pause: the deadline is not part of the
      // checkpoint. Without one the commands are exactly what they always were (replay tests).
      await idleUntil(
        () => inbox.length > 0 || resolvedByAgent || takeOver !== null,
        untilMs === undefined ? nodeId : null,
        untilMs,
      );
      if (resolvedByAgent) throw new ResolvedByAgent();
      if (takeOver) throw new TakenOver();
      if (inbox.length === 0) return null; // the deadline passed
      const next = inbox.shift()!;
      consumedSeq = next.seq;
      // Built-in variable: intent router and sentiment gate read {{last_message}} by default.
      variables[LAST_MESSAGE_VARIABLE] = next.text;
      return next.text;
    }) as StepContext["waitForCustomer"],
    startHandoff: ({ team, skills, priority, note, assigneeId = null }) => {
      status = "handoff";
      handoff = { team, skills, priority, assigneeId, since: new Date().toISOString() };
      const announced = transcript.add("system", `Handed off to ${team} (${priority} priority)${note ? `: ${note}` : ""}`);
      slaChanged((clocks, now) => clocks.handoffStarted(now));
      // Conversations that handed off before this change never scheduled the notification:
      // their histories must replay without it (see test/histories/support-handoff-csat.json).
      if (assigneeId === null && patched(NOTIFY_TEAM_ON_HANDOFF)) {
        // Not awaited: the customer's reply does not wait on the team's notification.
        escalation
          .notifyTeam({
            id: `${input.conversationId}-queued-${announced.seq}`,
            conversationId: input.conversationId,
            level: "queued",
            team,
            message: note || `A conversation is waiting for ${team}`,
            at: handoff.since,
          })
          .catch((err: unknown) => {
            transcript.add("system", `Could not notify ${team}: ${err instanceof Error ? err.message : String(err)}`);
            dirty = true;
          });
      }
    },
    attachSla: (policy) => {
      sla = SlaClocks.attach(policy);
      slaVersion++;
      if (status === "handoff") slaChanged((clocks, now) => clocks.handoffStarted(now));
    },
    waitForAgent: async (canContinueAsNew = true) => {
      agentOutcome = null;
      for (;;) {
        await idleUntil(() => inbox.length > 0 || agentOutcome !== null, canContinueAsNew ? nodeId : null);
        // The customer may keep writing: each message is acknowledged (it is saved and reaches
        // the inbox at the next idle point) without a bot reply.
        while (inbox.length > 0) consumedSeq = inbox.shift()!.seq;
        if (agentOutcome !== null) break;
      }
      const outcome: "resolved" | "returned" = agentOutcome;
      agentOutcome = null;
      slaChanged((clocks, now) => clocks.handoffEnded(now));
      status = "active";
      if (outcome === "returned") handoff = null;
      return outcome;
    },
    runSubflow: (flowId, childVariables, callerNodeId) => runSubflow(ctx, flowId, childVariables, callerNodeId),
  };

  /**
   * A subflow node's call: the called flow runs in this workflow (customer messages keep arriving
   * as updates here) with its own variables; the built-in `last_message` is shared with the caller.
   */
  async function runSubflow(caller: StepContext, flowId: string, childVariables: Variables, callerNodeId: string): Promise<Variables> {
    if (subflowPath.length >= MAX_SUBFLOW_DEPTH) {
      throw new SubflowUnavailable(`subflows are nested more than ${MAX_SUBFLOW_DEPTH} deep`);
    }
    const graph = await subflows.load(input.conversationId, flowId);
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
      runSubflow: (nestedFlowId, nestedVariables, nestedCaller) => runSubflow(scope, nestedFlowId, nestedVariables, nestedCaller),
    };
    subflowPath.push(callerNodeId);
    try {
      // An end node of the subflow returns here instead of ending the conversation.
      await interpret(graph, scope, graph.startNodeId, () => {});
    } finally {
      subflowPath.pop();
    }
    return childVariables;
  }

  /**
   * The SLA watcher: sleeps on a durable timer until the next escalation falls due (re-planning
   * whenever a clock changes), then runs the escalation ladder's due rungs.
   */
  async function watchSla(): Promise<void> {
    const ended = () => phase === "ended";
    while (!ended()) {
      const version = slaVersion;
      const dueAt = sla?.nextDueAt(Date.now()) ?? null;
      const changed = () => slaVersion !== version || phase === "ended";
      if (dueAt === null) await condition(changed);
      else if (dueAt > Date.now()) await condition(changed, dueAt - Date.now());
      if (ended() || !sla) continue;
      for (const event of sla.takeDue(Date.now())) {
        // Every change an escalation makes marks the conversation for saving as it happens.
        await escalate(
          {
            conversationId: input.conversationId,
            sla: sla.state,
            handoff: () => handoff,
            setHandoff: (next) => {
              handoff = next;
              dirty = true;
            },
            note: (text) => {
              transcript.add("system", text);
              dirty = true;
            },
          },
          event,
        );
      }
    }
  }
  const slaWatcher = watchSla();

  // The flow as loaded at start is recorded in history; normalizing it here (pure, so replay-safe)
  // lets code that added config fields run conversations that started before the deploy.
  /**
   * Interprets `graph` from node `from` until one of its end nodes and returns that end's status.
   * The conversation's flow runs here, and so does each subflow (nested, with its own scope);
   * `onNode` follows the current node (the conversation's own loop keeps `nodeId` up to date).
   */
  async function interpret(
    graph: CompiledFlow,
    scope: StepContext,
    from: string,
    onNode: (id: string) => void,
  ): Promise<Exclude<ConversationStatus, "active">> {
    const nested = subflowPath.length > 0;
    // A subflow's node runs are recorded under the subflow node that called it: `ask` in the
    // subflow called by node `orders` is `orders/ask`.
    const runPrefix = subflowPath.map((id) => `${id}/`).join("");
    let at = from;
    for (;;) {
      const node: FlowNode | undefined = graph.nodes[at];
      if (!node) throw ApplicationFailure.nonRetryable(`flow has no node ${at}`, FailureType.InvalidFlow);
      const run: NodeRun = !nested && resumingAt === node.id && currentRun ? currentRun : nodeRuns.start(runPrefix + node.id, node.kind);
      currentRun = run;
      let result: StepResult;
      let takenOver = false;
      try {
        result = await runStep(node, scope);
      } catch (err) {
        if (nested && (err instanceof TakenOver || err instanceof ResolvedByAgent)) {
          // These concern the whole conversation: the conversation's own loop handles them (a
          // take-over that is handed back runs the subflow node again from its start).
          nodeRuns.finish(run, err instanceof TakenOver ? "taken_over" : "end:resolved");
          currentRun = null;
          throw err;
        }
        if (err instanceof TakenOver && takeOver) {
          // The agent has it now; if they hand it back, this node runs again from the start.
          takenOver = true;
          nodeRuns.finish(run, "taken_over");
          currentRun = null;
          const { agentId, team } = takeOver;
          takeOver = null;
          ctx.startHandoff({ team, skills: [], priority: "normal", note: "", assigneeId: agentId });
          if ((await ctx.waitForAgent(false)) === "returned") continue;
          result = { end: "resolved" };
        } else if (err instanceof ResolvedByAgent) {
          result = { end: "resolved" };
        } else {
          throw err;
        }
      }
      if (!takenOver) nodeRuns.finish(run, "end" in result ? `end:${result.end}` : result.port);
      currentRun = null;
      if ("end" in result) return result.end;
      const target: string | undefined = graph.next[node.id]?.[result.port];
      if (!target) {
        throw ApplicationFailure.nonRetryable(`node ${node.id} has no edge from port ${result.port}`, FailureType.InvalidFlow);
      }
      at = target;
      onNode(target);
    }
  }

  const flow: CompiledFlow = normalizeCompiledFlow(await persistence.loadFlow(input.flowVersionId));
  nodeId ??= flow.startNodeId;
  // Widened on purpose: without it TypeScript narrows `status` and flags the check below.
  status = (await interpret(flow, ctx, nodeId, (id) => {
    nodeId = id;
  })) as ConversationStatus;

  phase = "ended";
  slaChanged((clocks, now) => clocks.handoffEnded(now));
  await slaWatcher;
  await save();
  // Let pending update handlers return their replies before the workflow completes.
  await condition(allHandlersFinished);
  return { status: status === "active" ? "closed" : status, variables, messageCount: transcript.seq };
}

/** Patch id: handing off notifies the team (a notification in the inbox's bell). */
const NOTIFY_TEAM_ON_HANDOFF = "notify-team-on-handoff";
/** Patch id: agent messages that break the shared text rule are dropped. */
const AGENT_TEXT_RULE = "agent-text-rule";

/** Patch id: agent activity that arrives during the last save before a continue-as-new is saved first. */
const SAVE_LATE_ACTIVITY_BEFORE_HANDOVER = "save-late-activity-before-handover";

/** Thrown out of a wait when an agent resolves a conversation the bot is still handling. */
class ResolvedByAgent extends Error {}

/** Thrown out of a wait when an agent takes the conversation from the bot. */
class TakenOver extends Error {}
