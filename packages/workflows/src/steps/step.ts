import type { SlaPolicy, Variables } from "@parley/flow/runtime";
import type { FlowNode, NodeConfig, NodeKind } from "@parley/flow";
import type { ConversationStatus, MessageMeta, Priority } from "../contracts";
import type { CannedResponse, NodeRunDetail } from "../simulation-contracts";

/** What the interpreter offers a step: speak, wait for the customer, read and write variables. */
export interface StepContext {
  /** The conversation (= workflow id), for activities that look up its workspace. */
  conversationId: string;
  variables: Variables;
  /** The latest messages between customer, bot and agents, oldest first (context for AI replies). */
  recentTurns(limit: number): { author: "contact" | "bot" | "agent"; text: string }[];
  say(text: string, meta?: MessageMeta): void;
  /**
   * Sleeps on a durable timer until `untilMs` (workflow time). Customer messages meanwhile are
   * kept in the transcript; an agent resolving the conversation ends the wait (and the flow).
   */
  pause(untilMs: number): Promise<void>;
  /** An internal note for the inbox (not shown to the customer), e.g. an expression error. */
  note(text: string): void;
  /** Stores a satisfaction rating on the conversation (null: none given). */
  recordCsat(score: number | null, scale: number): void;
  /** What the customer wrote with their rating (after recordCsat). */
  recordCsatComment(comment: string): void;
  /**
   * True once for the node a continued run resumes at: it already spoke in the previous run
   * (asked its question, announced the handoff) and now only waits.
   */
  resuming(nodeId: string): boolean;
  /**
   * Puts the conversation in a team's queue and notifies the team; the bot stays quiet until an
   * agent is done. With an assignee (an agent taking over) it goes straight to that agent,
   * without a notification.
   */
  startHandoff(handoff: { team: string; skills: string[]; priority: Priority; note: string; assigneeId?: string }): void;
  /**
   * Attaches an SLA policy; its clocks run while a person has the conversation. `fromWorkspace`:
   * the workspace's policy for this team and priority (re-targeted when they change).
   */
  attachSla(policy: SlaPolicy, fromWorkspace?: boolean): void;
  /** Whether an SLA policy is attached (the flow's SLA node ran). */
  hasSla(): boolean;
  /**
   * Resolves when the agent resolves the conversation or hands it back to the bot. Pass false
   * where a continued run could not resume this wait (a take-over outside a handoff node).
   */
  waitForAgent(canContinueAsNew?: boolean): Promise<"resolved" | "returned">;
  /** Resolves with the customer's next message (the conversation is idle until then). */
  waitForCustomer(): Promise<string>;
  /** The same with a deadline (workflow time, epoch ms): null when it passes first. */
  waitForCustomer(untilMs: number): Promise<string | null>;
  /**
   * Runs the latest published version of another flow (pinned at first use) inside this
   * conversation, with `variables` as its own scope, until one of its end nodes; resolves with the
   * subflow's variables. Throws SubflowUnavailable when the flow cannot run. `callerNodeId`
   * names the subflow node (the subflow's node runs are recorded under it).
   */
  runSubflow(flowId: string, variables: Variables, callerNodeId: string): Promise<Variables>;
  /** Only in a simulator's test conversation: canned answers for steps that call out, and what a step did. */
  simulation?: {
    canned(node: FlowNode): CannedResponse | undefined;
    record(detail: NodeRunDetail): void;
  };
}

/** Where to go next: an output port of the node, or the end of the conversation. */
export type StepResult = { port: string } | { end: Exclude<ConversationStatus, "active"> };

/** A kind's step: it receives the node's config as its kind parsed it (validation applied the defaults). */
export type Step<K extends NodeKind> = (config: NodeConfig<K>, ctx: StepContext, node: FlowNode) => Promise<StepResult>;
