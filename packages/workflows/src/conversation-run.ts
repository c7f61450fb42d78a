import { workflowInfo } from "@temporalio/workflow";
import type { Variables } from "@parley/flow/runtime";
import {
  DEFAULT_CONTINUE_AS_NEW_EVENTS,
  type ConversationInput,
  type ConversationPhase,
  type ConversationState,
  type ConversationStatus,
  type HandoffState,
  type NodeRun,
  type TurnResult,
} from "./contracts";
import type { RecordTurnInput } from "@parley/activities";
import { ClientMessages } from "./client-messages";
import { NodeRunLog } from "./node-runs";
import { SlaClocks } from "./sla";
import { SubflowVersions } from "./subflows";
import { Transcript } from "./transcript";

/**
 * Everything one run of a conversation knows, in one place: the handlers, the interpreter and the
 * SLA watch read and change it (workflow code is single-threaded, so plain fields are enough).
 * A continued run starts from its input's checkpoint.
 */
export class ConversationRun {
  readonly conversationId: string;
  readonly transcript: Transcript;
  readonly nodeRuns: NodeRunLog;
  readonly variables: Variables;
  /** Customer messages the flow has not consumed yet. */
  readonly inbox: { seq: number; text: string }[] = [];
  readonly clientMessages: ClientMessages;
  /** Subflow versions pinned by this conversation. */
  readonly subflows: SubflowVersions;
  /** The subflow nodes running now, outermost first. */
  readonly subflowPath: string[] = [];
  /** History length at which the run hands over to a new one. */
  readonly rollOverAt: number;

  status: ConversationStatus;
  phase: ConversationPhase = "running";
  nodeId: string | null;
  consumedSeq: number;
  /** The node waiting for an answer when this run started from a checkpoint. */
  resumingAt: string | null;
  currentRun: NodeRun | null;
  handoff: HandoffState | null;
  /** What the agent decided while the conversation was handed off. */
  agentOutcome: "resolved" | "returned" | null = null;
  /** An agent resolved the conversation while the bot had it: stop wherever the flow waits. */
  resolvedByAgent = false;
  /** An agent took the conversation from the bot: interrupt the bot's wait and hand it over. */
  takeOver: { agentId: string; team: string } | null = null;
  /** Agent activity (messages, assignment) waiting to be persisted. */
  dirty = false;
  /**
   * Every customer message of the turn under way came from a sender that stores the turn itself
   * (`storedBy: "caller"`); null when the turn has no such message yet (handed-turns.ts).
   */
  storedByCaller: boolean | null = null;
  /** The turn's rows for the sender that stores them, until its update handler takes them. */
  handedTurn: RecordTurnInput | null = null;
  /** Rows handed to a sender that the workflow has not stored itself yet. */
  handedUnsaved = false;
  /** The stateVersion of the last turn handed to a sender. */
  lastHandedVersion = 0;
  /** Turn records built by this run: with the workflow's time, each record's stateVersion. */
  turnRecords = 0;
  csat: { score: number | null; scale: number; comment?: string } | null = null;
  sla: SlaClocks | null;
  /** Bumped on every SLA clock change, so the SLA loop re-plans its timer. */
  slaVersion = 0;
  /** Bumped by each re-target of the workspace SLA: only the latest one's answer applies. */
  slaRetargets = 0;
  /** The flow waits with a deadline now (a wait node, an idle timeout). */
  timedWait = false;
  /** Test conversations: the simulator asked to end the timed wait, or the SLA timer, at once. */
  skipWait = false;
  skipSla = false;

  constructor(readonly input: ConversationInput) {
    const checkpoint = input.checkpoint;
    this.conversationId = input.conversationId;
    this.transcript = new Transcript(input.conversationId, checkpoint?.lastSeq ?? 0);
    this.nodeRuns = new NodeRunLog(input.conversationId, checkpoint?.nodeRunCount ?? 0);
    this.variables = { ...input.variables };
    this.clientMessages = new ClientMessages(checkpoint?.recentClientMessages);
    this.subflows = new SubflowVersions(checkpoint?.subflowVersions);
    this.rollOverAt = input.continueAsNewAfterEvents ?? DEFAULT_CONTINUE_AS_NEW_EVENTS;
    this.status = checkpoint?.status ?? "active";
    this.nodeId = checkpoint?.nodeId ?? null;
    this.consumedSeq = checkpoint?.lastSeq ?? 0;
    this.resumingAt = checkpoint?.nodeId ?? null;
    this.currentRun = checkpoint?.openNodeRun ?? null;
    this.handoff = checkpoint?.handoff ?? null;
    this.sla = checkpoint?.sla ? new SlaClocks(checkpoint.sla) : null;
    if (input.openingStoredBy === "caller" && !checkpoint) this.storedByCaller = true;
  }

  /** Applies a change to the SLA clocks (if a policy is attached) and marks it for saving. */
  slaChanged(change: (clocks: SlaClocks, now: number) => void): void {
    if (!this.sla) return;
    change(this.sla, Date.now());
    this.slaVersion++;
    this.dirty = true;
  }

  /** True once the flow has consumed message `seq` and waits again (or has ended). */
  idleAfter(seq: number): boolean {
    return this.phase === "ended" || (this.phase === "waiting" && this.consumedSeq >= seq);
  }

  /** The answer to a customer message: the status and what the bot and agents said after it. */
  turnResult(afterSeq: number): TurnResult {
    return { status: this.status, replies: this.transcript.repliesAfter(afterSeq) };
  }

  /** What the `state` Query answers. */
  view(): ConversationState {
    return {
      status: this.status,
      phase: this.phase,
      nodeId: this.nodeId,
      variables: { ...this.variables },
      lastSeq: this.transcript.seq,
      continuedRuns: this.input.checkpoint?.continuedRuns ?? 0,
      handoff: this.handoff,
      sla: this.sla?.view(Date.now()) ?? null,
    };
  }

  rollOverDue(): boolean {
    return workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= this.rollOverAt;
  }
}
