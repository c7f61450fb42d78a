import { patched, setHandler } from "@temporalio/workflow";
import { PRIORITIES, textProblem, type Priority } from "@parley/flow/runtime";
import { MAX_MESSAGE_LENGTH, agentMessageSignal, assignSignal, handBackSignal, resolveSignal, setPrioritySignal, stateQuery } from "./contracts";
import type { ConversationRun } from "./conversation-run";
import { isAssignment, type Assignment } from "./message-checks";
import { enqueueForRouting, withdrawFromRouting } from "./handoff-routing";
import { routingNoteSignal } from "./team-queue-contracts";
import { retargetWorkspaceSla } from "./workspace-sla";

/** Patch id: agent messages that break the shared text rule are dropped. */
const AGENT_TEXT_RULE = "agent-text-rule";

/**
 * The inbox's side of a conversation: the `state` Query, and the Signals by which agents write,
 * take or transfer, resolve and hand back. A signal cannot be refused, only dropped, so a payload
 * that cannot be applied or stored is ignored (throwing would fail the workflow task again and again).
 */
export function handleAgentSignals(run: ConversationRun): void {
  setHandler(stateQuery, () => run.view());

  setHandler(agentMessageSignal, (message) => {
    // A payload of the wrong shape must not throw, and an agent id that is not text cannot be stored.
    const { agentId, text } = (message ?? {}) as { agentId?: unknown; text?: unknown };
    addAgentMessage(run, agentId, text);
  });

  setHandler(assignSignal, (change) => {
    // Dropped unless storable (see agentMessage); such payloads never saved before either.
    if (run.phase === "ended" || !isAssignment(change)) return;
    applyAssignment(run, change);
  });

  // The team queue's word on the routing (offered, declined, no agent yet): a line for the agents.
  setHandler(routingNoteSignal, (message) => {
    const text = (message as { text?: unknown } | null)?.text;
    if (run.phase === "ended" || typeof text !== "string" || !text || text.length > MAX_MESSAGE_LENGTH) return;
    run.transcript.add("system", text);
    run.dirty = true;
  });

  setHandler(resolveSignal, () => {
    if (run.phase === "ended") return;
    if (run.status === "handoff") run.agentOutcome = "resolved";
    else run.resolvedByAgent = true;
  });

  setHandler(setPrioritySignal, (change) => {
    const { priority, note } = (change ?? {}) as { priority?: unknown; note?: unknown };
    const before = run.handoff;
    if (run.phase === "ended" || run.status !== "handoff" || !before || !PRIORITIES.includes(priority as Priority) || before.priority === priority) return;
    run.handoff = { ...before, priority: priority as Priority };
    if (typeof note === "string" && note && note.length <= MAX_MESSAGE_LENGTH) run.transcript.add("system", note);
    run.dirty = true;
    // Still waiting: its team's queue re-ranks it (as an SLA ladder's raised priority does).
    if (before.assigneeId === null) enqueueForRouting(run, run.handoff);
    retargetWorkspaceSla(run);
  });

  setHandler(handBackSignal, () => {
    if (run.status === "handoff") run.agentOutcome = "returned";
  });
}

/**
 * An agent's (or a barging-in supervisor's) message to the customer. Dropped unless it can be
 * applied and stored: a signal cannot be refused, and throwing would fail the workflow task.
 */
export function addAgentMessage(run: ConversationRun, agentId: unknown, text: unknown): void {
  const clean = typeof text === "string" ? text.trim() : "";
  if (run.phase === "ended" || !clean || clean.length > MAX_MESSAGE_LENGTH || (agentId != null && typeof agentId !== "string")) return;
  // The shared text rule (broken UTF-16, control characters, invisible-only text) is checked
  // behind a patch: a history recorded before it replays its agent messages as they were.
  if (textProblem(clean, { label: "agent message", max: MAX_MESSAGE_LENGTH }) && patched(AGENT_TEXT_RULE)) return;
  run.transcript.add("agent", clean, agentId ?? undefined);
  run.dirty = true;
  if (run.status === "handoff") run.slaChanged((clocks, now) => clocks.agentReplied(now));
}

/** Assign, unassign or transfer (by hand, by the team queue's accepted offer, or a supervisor's take-over). */
export function applyAssignment(run: ConversationRun, change: Assignment): void {
  const { agentId, team, note, offerId } = change;
  // The team queue's assignment of an accepted offer applies only while nobody has the
  // conversation (an agent may have taken it by hand meanwhile).
  if (offerId !== undefined && (run.status !== "handoff" || run.handoff?.assigneeId)) return;
  const before = run.handoff;
  const byHand = offerId === undefined && run.status === "handoff" && before !== null;
  const movedTeam = team !== undefined && team !== before?.team;
  // Assigned by hand, or transferred, while a team's queue offers it: that queue lets go of it.
  if (byHand && (agentId || movedTeam)) withdrawFromRouting(run, before);
  if (note) run.transcript.add("system", note);
  run.dirty = true;
  if (run.status !== "handoff") {
    // Assigning a conversation the bot has: the agent takes it over at the bot's next wait.
    if (agentId) run.takeOver = { agentId, team: team ?? "Support" };
    return;
  }
  run.handoff = {
    team: team ?? run.handoff?.team ?? "Support",
    skills: run.handoff?.skills ?? [],
    priority: run.handoff?.priority ?? "normal",
    assigneeId: agentId,
    since: run.handoff?.since ?? new Date().toISOString(),
  };
  // Transferred to a team, or unassigned, without an agent: it waits in that team's queue.
  if (byHand && !agentId && (movedTeam || before.assigneeId)) enqueueForRouting(run, run.handoff);
  if (movedTeam && before !== null) retargetWorkspaceSla(run);
}
