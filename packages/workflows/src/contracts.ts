/**
 * The Temporal contract of a conversation: everything the API (and tests, benches) need to talk
 * to a conversation workflow. Pure definitions, safe to import from workflow and client code.
 */
import { defineQuery, defineSignal, defineUpdate } from "@temporalio/workflow";
import type { RecordTurnInput } from "@parley/activities";
import type { CompiledFlow, Priority, SlaClockName, Variables } from "@parley/flow/runtime";
import type { SlaClockView, SlaState } from "./sla";
import type { NodeRunDetail, SimulationOptions } from "./simulation-contracts";
import type { TranscriptMessage, VoiceUtterance } from "./message-contracts";

export type { MessageAuthor, MessageCitation, MessageMeta, TranscriptMessage, VoiceAudioQuality, VoiceUtterance } from "./message-contracts";

export const DEFAULT_TASK_QUEUE = "parley-conversations";

/** The workflow type name registered by the worker. */
export const CONVERSATION_WORKFLOW = "conversation";

/**
 * A conversation's workflow task timeout. A task never needs long (a turn is milliseconds; a
 * local activity that runs longer heartbeats the task), and when a worker dies mid-task nothing
 * happens until this runs out: 5 s instead of Temporal's 10 s halves that silence.
 */
export const CONVERSATION_WORKFLOW_TASK_TIMEOUT = "5 seconds";

/** `handoff`: a person in the inbox has (or is about to get) the conversation; the bot is quiet. */
export type ConversationStatus = "active" | "handoff" | "resolved" | "closed";
export type { Priority };

export interface ConversationInput {
  conversationId: string;
  /** The published flow version this conversation is pinned to for its whole life. */
  flowVersionId: string;
  /**
   * That version, compiled, as the API read it when it wrote the conversation's row: frozen in
   * the start input (so in the history), the first workflow task runs the flow at once instead
   * of waiting on a `loadFlow` local activity. Histories that started without it (and starts
   * from older API processes) still load the version, so both replay unchanged.
   */
  flow?: CompiledFlow;
  /** Variables known before the first node runs (e.g. the contact's name). */
  variables?: Variables;
  /** Set when a run continues as new: where the previous run stopped. */
  checkpoint?: ConversationCheckpoint;
  /**
   * Continue as new at the next idle point once history has this many events (default
   * DEFAULT_CONTINUE_AS_NEW_EVENTS). Tests lower it to exercise the hand-over.
   */
  continueAsNewAfterEvents?: number;
  /** Only for a simulator's test conversation (simulation-contracts.ts): the frozen draft, canned answers. */
  simulation?: SimulationOptions;
  /**
   * "caller": the starter stores the opening turn itself, from the opening Update's `toStore`
   * (handed-turns.ts), so the opening does not wait for the workflow's write. First run only.
   */
  openingStoredBy?: "caller";
}

/**
 * About 6 history events per customer message (workflow task ×3, update accepted/completed,
 * one local-activity marker): 2,000 events is ~330 messages, far below Temporal's 10k warning
 * and 50k limit, and a history a new worker replays in tens of milliseconds after a cache miss.
 */
export const DEFAULT_CONTINUE_AS_NEW_EVENTS = 2000;

/** Everything a new run needs to carry on exactly where the previous one stopped. */
export interface ConversationCheckpoint {
  /** The node the conversation is waiting at (an ask that has already asked its question). */
  nodeId: string;
  status: ConversationStatus;
  lastSeq: number;
  nodeRunCount: number;
  /** The waiting node's execution record, finished by the new run when the answer comes. */
  openNodeRun: NodeRun | null;
  /** How many times the conversation has continued as new, this run included. */
  continuedRuns: number;
  handoff: HandoffState | null;
  sla: SlaState | null;
  /** Subflow versions pinned so far (flow id → flow version id), so they stay pinned across runs. */
  subflowVersions?: Record<string, string>;
  /**
   * The latest customer messages sent with a client message id, with the replies they got.
   * Temporal de-duplicates an update id within one run only: carried over, a resend after a lost
   * response is answered from here, never applied twice.
   */
  recentClientMessages?: RememberedClientMessage[];
}

/** A customer message that came with a client message id, remembered with its turn's result. */
export interface RememberedClientMessage {
  clientMessageId: string;
  /** messageFingerprint of the text: the same id with other words is refused, not dropped. */
  fingerprint: string;
  result: TurnResult;
}

/** One execution of one node: the raw material for analytics and for drawing a path. */
export interface NodeRun {
  id: string;
  nodeId: string;
  kind: string;
  startedAt: string;
  finishedAt: string | null;
  /** The output port taken, `end:<status>`, or `error`. */
  outcome: string | null;
  error: string | null;
  /** Test conversations only: what the step saw and did. */
  detail?: NodeRunDetail;
}

export interface ConversationOutcome {
  status: Exclude<ConversationStatus, "active">;
  variables: Variables;
  messageCount: number;
}

export interface CustomerMessageInput {
  text: string;
  /** Set when the message was spoken (voice gateway, voice message): recorded in its meta. */
  voice?: VoiceUtterance;
  /**
   * The sender's id for this message (1-64 letters, digits, - or _). A message sent again with
   * the same id is answered with the first one's replies and recorded once, across runs too.
   */
  clientMessageId?: string;
  /**
   * "caller": the sender stores the turn's rows itself (TurnResult.toStore) before it answers
   * its own client, so the reply does not wait for the workflow's write (handed-turns.ts). The
   * workflow checks a little later and stores what the sender did not.
   */
  storedBy?: "caller";
}

/**
 * A voice message (voicemail, voice note) already stored encrypted by the API: the workflow
 * transcribes it with the `transcribeRecording` activity and then treats the transcript exactly
 * like a typed message. A separate Update rather than an optional field on CustomerMessageInput:
 * the typed message keeps its simple "text is required" rule, and the slow part (speech
 * recognition) is visible in history as an activity of its own.
 */
export interface CustomerVoiceMessageInput {
  recordingId: string;
  /** As for typed messages: an upload sent twice is transcribed and recorded once. */
  clientMessageId?: string;
}

/** The turn of a voice message, with what was heard (also recorded as the message's meta.spoken). */
export interface VoiceTurnResult extends TurnResult {
  heard: VoiceUtterance & { text: string };
}

/** What the bot said in reaction to an update, once the flow is waiting again or has ended. */
export interface TurnResult {
  status: ConversationStatus;
  replies: TranscriptMessage[];
  /**
   * The customer's message as recorded (absent for the opening); `fingerprint` lets a sender
   * that reused a message id for other words find out (see messageFingerprint).
   */
  accepted?: { id: string; seq: number; fingerprint?: string };
  /** For a sender that stores the turn (`storedBy: "caller"`): the rows to write. Never shown to a client. */
  toStore?: RecordTurnInput;
}

export type ConversationPhase = "running" | "waiting" | "ended";

export interface ConversationState {
  status: ConversationStatus;
  phase: ConversationPhase;
  nodeId: string | null;
  variables: Variables;
  lastSeq: number;
  /** How many runs this conversation has continued across (0 for the first). */
  continuedRuns: number;
  handoff: HandoffState | null;
  /** SLA clocks, when a policy is attached. */
  sla: Record<SlaClockName, SlaClockView> | null;
}

export const MAX_MESSAGE_LENGTH = 4000;

/** ApplicationFailure types a caller can act on (one list for workflows and activities). */
export { FailureType } from "@parley/flow/runtime";

/** A customer's message; resolves with the bot's replies once the flow waits again or ends. */
export const customerMessageUpdate = defineUpdate<TurnResult, [CustomerMessageInput]>("customerMessage");

/**
 * A customer's voice message by recording id; resolves like customerMessage, plus what was heard.
 * Fails with RecordingUnavailable or NoSpeech (the conversation carries on either way).
 */
export const customerVoiceMessageUpdate = defineUpdate<VoiceTurnResult, [CustomerVoiceMessageInput]>("customerVoiceMessage");

/** Resolves with the bot's opening messages once the flow first waits or ends (used at start). */
export const openingUpdate = defineUpdate<TurnResult, []>("opening");

export const stateQuery = defineQuery<ConversationState>("state");

/** Where a handed-off conversation waits, and who works it. Persisted on the conversation. */
export interface HandoffState {
  team: string;
  skills: string[];
  priority: Priority;
  assigneeId: string | null;
  /** When the conversation went to a person (workflow time, ISO): SLA clocks start here. */
  since: string;
}

// Agent and system events are Signals: recorded in history (who did what, when), never blocking
// the caller on the bot. The API checks the conversation exists and is open before sending them.
export interface AgentMessageInput {
  /** Null for a message no person wrote (an automation rule's canned reply). */
  agentId: string | null;
  text: string;
}
export const agentMessageSignal = defineSignal<[AgentMessageInput]>("agentMessage");
/**
 * Assign to an agent (or unassign with null), optionally moving to another team: a transfer.
 * Assigning a conversation the bot is handling is a take-over: the bot stops and the agent has
 * it, as after a handoff. `note` is the inbox's wording of the change, kept in the transcript.
 * `offerId`: sent by the team queue for an accepted offer (ignored once someone has the conversation).
 */
export const assignSignal = defineSignal<[{ agentId: string | null; team?: string; note?: string; offerId?: string }]>("assign");
/**
 * The customer moved the conversation to another channel (the widget's "Continue by email"): the
 * API has already pointed the conversation at that channel, so the bot message this adds is
 * delivered there. `note` is the transcript's system line ("Moved from Web widget to Email …"),
 * `greeting` opens the first message on the new channel; the last bot or agent words follow it.
 */
export interface ChannelMovedInput {
  note: string;
  greeting: string;
  from: string;
  to: string;
}
export const channelMovedSignal = defineSignal<[ChannelMovedInput]>("channelMoved");
/** The agent resolved the conversation: a handoff continues from `resolved`, anything else ends. */
export const resolveSignal = defineSignal<[{ agentId: string | null }]>("resolve");
/**
 * Sets a handed-off conversation's priority (an automation rule's action): a waiting conversation
 * moves in its team's queue. Ignored while the bot has the conversation (it has no priority yet).
 */
export const setPrioritySignal = defineSignal<[{ priority: Priority; note?: string }]>("setPriority");
/** The agent hands the conversation back to the bot: a handoff continues from `returned`. */
export const handBackSignal = defineSignal<[{ agentId: string | null }]>("handBack");

/**
 * A supervisor's action on a live conversation, recorded in its history like the agents' own:
 * `whisper` names the private note (stored by the API, never in the transcript) the assigned agent
 * was sent; `bargeIn` is a reply to the customer while the agent stays assigned; `takeOver`
 * assigns the conversation to the supervisor. `note` is the inbox's wording, kept in the transcript.
 */
export type SupervisorAction =
  | { action: "whisper"; supervisorId: string; agentId: string; noteId: string }
  | { action: "bargeIn"; supervisorId: string; text: string }
  | { action: "takeOver"; supervisorId: string; note: string };
export const superviseSignal = defineSignal<[SupervisorAction]>("supervise");

/** The SLA clocks as stored on the conversation and shown by the inbox. */
export type SlaView = Record<SlaClockName, SlaClockView>;
