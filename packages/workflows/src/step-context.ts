import { patched } from "@temporalio/workflow";
import { LAST_MESSAGE_VARIABLE } from "@parley/flow/runtime";
import type { ConversationRun } from "./conversation-run";
import { escalation } from "./activity-proxies";
import { enqueueForRouting, withdrawFromRouting } from "./handoff-routing";
import { idleUntil } from "./idle";
import { runSubflow } from "./interpreter";
import { ResolvedByAgent, TakenOver } from "./interruptions";
import { SlaClocks } from "./sla";
import { cannedResponseFor, recordStepDetail } from "./simulation";
import type { StepContext } from "./steps/step";

/** Patch id: handing off notifies the team (a notification in the inbox's bell). */
const NOTIFY_TEAM_ON_HANDOFF = "notify-team-on-handoff";

/** What the conversation's own flow offers its steps (a subflow's scope derives from it). */
export function conversationStepContext(run: ConversationRun): StepContext {
  const { transcript, inbox } = run;
  const ctx: StepContext = {
    conversationId: run.conversationId,
    variables: run.variables,
    recentTurns: (limit) => transcript.recentTurns(limit),
    say: (text, meta) => {
      transcript.add("bot", text, undefined, meta);
    },
    pause: async (requestedUntilMs) => {
      // A replay's test conversation skips the wait: its deadline has passed already.
      const untilMs = run.input.simulation?.skipWaits ? Math.min(requestedUntilMs, Date.now()) : requestedUntilMs;
      for (;;) {
        // No continue-as-new while paused (null): the deadline is not part of the checkpoint.
        const skipped = await idleUntil(run, () => inbox.length > 0 || run.resolvedByAgent || run.takeOver !== null || Date.now() >= untilMs, null, untilMs);
        while (inbox.length > 0) run.consumedSeq = inbox.shift()!.seq; // kept in the transcript
        if (run.resolvedByAgent) throw new ResolvedByAgent();
        if (run.takeOver) throw new TakenOver();
        if (skipped || Date.now() >= untilMs) return;
      }
    },
    note: (text) => {
      transcript.add("system", text);
    },
    recordCsat: (score, scale) => {
      run.csat = { score, scale };
      run.dirty = true;
    },
    recordCsatComment: (comment) => {
      if (run.csat) run.csat = { ...run.csat, comment };
      run.dirty = true;
    },
    resuming: (resumingNodeId) => {
      if (run.resumingAt !== resumingNodeId) return false;
      run.resumingAt = null;
      return true;
    },
    waitForCustomer: (async (untilMs?: number) => {
      // With a deadline no continue-as-new (null), as in pause: the deadline is not part of the
      // checkpoint. Without one the commands are exactly what they always were (replay tests).
      await idleUntil(
        run,
        () => inbox.length > 0 || run.resolvedByAgent || run.takeOver !== null,
        untilMs === undefined ? run.nodeId : null,
        untilMs,
      );
      if (run.resolvedByAgent) throw new ResolvedByAgent();
      if (run.takeOver) throw new TakenOver();
      if (inbox.length === 0) return null; // the deadline passed
      const next = inbox.shift()!;
      run.consumedSeq = next.seq;
      // Built-in variable: intent router and sentiment gate read {{last_message}} by default.
      run.variables[LAST_MESSAGE_VARIABLE] = next.text;
      return next.text;
    }) as StepContext["waitForCustomer"],
    startHandoff: ({ team, skills, priority, note, assigneeId = null }) => {
      run.status = "handoff";
      const handoff = { team, skills, priority, assigneeId, since: new Date().toISOString() };
      run.handoff = handoff;
      const announced = transcript.add("system", `Handed off to ${team} (${priority} priority)${note ? `: ${note}` : ""}`);
      run.slaChanged((clocks, now) => clocks.handoffStarted(now));
      // Conversations that handed off before this change never scheduled the notification:
      // their histories must replay without it (see test/histories/support-handoff-csat.json).
      if (assigneeId === null && patched(NOTIFY_TEAM_ON_HANDOFF)) {
        // Not awaited: the customer's reply does not wait on the team's notification.
        escalation
          .notifyTeam({
            id: `${run.conversationId}-queued-${announced.seq}`,
            conversationId: run.conversationId,
            level: "queued",
            team,
            message: note || `A conversation is waiting for ${team}`,
            at: handoff.since,
          })
          .catch((err: unknown) => {
            transcript.add("system", `Could not notify ${team}: ${err instanceof Error ? err.message : String(err)}`);
            run.dirty = true;
          });
      }
      if (assigneeId === null) enqueueForRouting(run, handoff);
    },
    hasSla: () => run.sla !== null,
    attachSla: (policy, fromWorkspace) => {
      run.sla = SlaClocks.attach(policy);
      // Only set when true: a flow's SLA keeps the state (and the histories) it always had.
      if (fromWorkspace) run.sla.state.fromWorkspace = true;
      run.slaVersion++;
      if (run.status === "handoff") run.slaChanged((clocks, now) => clocks.handoffStarted(now));
    },
    waitForAgent: async (canContinueAsNew = true) => {
      run.agentOutcome = null;
      for (;;) {
        await idleUntil(run, () => inbox.length > 0 || run.agentOutcome !== null, canContinueAsNew ? run.nodeId : null);
        // The customer may keep writing: each message is acknowledged (it is saved and reaches
        // the inbox at the next idle point) without a bot reply.
        while (inbox.length > 0) run.consumedSeq = inbox.shift()!.seq;
        if (run.agentOutcome !== null) break;
      }
      const outcome: "resolved" | "returned" = run.agentOutcome;
      run.agentOutcome = null;
      run.slaChanged((clocks, now) => clocks.handoffEnded(now));
      run.status = "active";
      if (run.handoff) withdrawFromRouting(run, run.handoff);
      if (outcome === "returned") run.handoff = null;
      return outcome;
    },
    runSubflow: (flowId, childVariables, callerNodeId) => runSubflow(run, ctx, ctx, flowId, childVariables, callerNodeId),
    ...(run.input.simulation
      ? { simulation: { canned: (node) => cannedResponseFor(run, node), record: (detail) => recordStepDetail(run, detail) } }
      : {}),
  };
  return ctx;
}
