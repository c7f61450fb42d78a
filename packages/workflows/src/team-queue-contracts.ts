/**
 * The Temporal contract of a team's queue (see team-queue.ts): one long-running workflow per team
 * that offers its waiting conversations to agents. The API (accept/decline, presence) and the
 * routing activities signal it; pure definitions, safe in workflow and client code.
 */
import { defineQuery, defineSignal } from "@temporalio/workflow";
import type { Priority } from "./contracts";

/** The workflow type name; the routing activities mirror it (they cannot import this package). */
export const TEAM_QUEUE_WORKFLOW = "teamQueue";
export const teamQueueWorkflowId = (teamId: string) => `team-queue:${teamId}`;

/** A conversation waiting for an agent of the team. */
export interface QueuedConversation {
  conversationId: string;
  /** Required skills (lower case): an agent must hold all of them. */
  skills: string[];
  priority: Priority;
  /** When the handoff started (ISO): the longest wait goes first within a priority. */
  since: string;
  /** A call uses the agent's call capacity, anything else their chat capacity. */
  voice: boolean;
}

/** The open offer of a waiting conversation. */
export interface PendingOffer {
  id: string;
  agentId: string;
  agentName: string;
  /** Workflow time (ms) at which the offer expires and moves on. */
  expiresAtMs: number;
}

export interface WaitingConversation extends QueuedConversation {
  offer: PendingOffer | null;
  /** Agents who declined or let an offer expire: not offered this conversation again. */
  passedBy: string[];
  /** Left the queue while an offer was open: the offer is withdrawn at the next pass. */
  withdrawn: boolean;
  /** "No agent available" was noted in its transcript (once per handoff). */
  toldWaiting: boolean;
}

export interface TeamQueueInput {
  workspaceId: string;
  teamId: string;
  /** Carried across continue-as-new. */
  checkpoint?: { waiting: WaitingConversation[]; cursor: string | null };
}

export const enqueueSignal = defineSignal<[QueuedConversation]>("enqueue");
/**
 * The conversation left the queue: resolved, handed back, or assigned by hand. `since` names the
 * handoff that ended: a withdrawal overtaken by the next handoff's enqueue leaves that one alone.
 */
export const withdrawSignal = defineSignal<[{ conversationId: string; since?: string }]>("withdraw");
/** Sent by the API after it answered the offer's row (the database decides, this only tells). */
export const offerAnsweredSignal = defineSignal<[{ offerId: string; accepted: boolean }]>("offerAnswered");
/**
 * An agent's availability changed: presence, capacity, or a slot freed by a resolve. `available:
 * false` withdraws the agent's open offers, which go to the next agent.
 */
export const agentChangedSignal = defineSignal<[{ agentId: string; available: boolean }]>("agentChanged");

export interface TeamQueueView {
  waiting: WaitingConversation[];
  cursor: string | null;
}
export const teamQueueStateQuery = defineQuery<TeamQueueView>("teamQueueState");

/** Sent by the queue to a conversation: a line for its transcript (offered, declined, no agent). */
export const routingNoteSignal = defineSignal<[{ text: string }]>("routingNote");
