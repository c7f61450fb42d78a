import type { Db } from "@parley/db";
import type { CannedResponse, NodeRunDetail } from "@parley/workflows";
import { runNumber } from "../node-run-order";
import type { ConversationRun } from "./compare";

/** How many recorded conversations a check replays unless told otherwise, and at most. */
export const DEFAULT_REPLAY_LIMIT = 20;
export const MAX_REPLAY_LIMIT = 200;

/** A real conversation of a published version as the replay needs it. */
export interface RecordedConversation extends ConversationRun {
  id: string;
  version: number;
  createdAt: Date;
  /** The customer's messages in order, up to the first agent's or system's word (the bot's part). */
  inputs: string[];
  /** What its custom-activity steps returned where a NodeRun recorded it, to answer the draft's alike. */
  canned: Record<string, CannedResponse>;
}

/**
 * The last `limit` real conversations of the flow's published versions: newest first, any status
 * (finished or still waiting on the customer), never the simulator's tests.
 */
export async function recordedConversations(db: Db, workspaceId: string, flowId: string, limit: number): Promise<RecordedConversation[]> {
  const conversations = await db.conversation.findMany({
    where: { workspaceId, test: false, flowVersion: { flowId, published: true } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      createdAt: true,
      flowVersion: { select: { version: true } },
      messages: { orderBy: { seq: "asc" }, select: { author: true, text: true } },
      nodeRuns: { select: { id: true, nodeId: true, kind: true, detail: true } },
    },
  });
  return conversations.map((conversation) => {
    const firstPerson = conversation.messages.findIndex((message) => message.author === "agent" || message.author === "system");
    const botPart = firstPerson < 0 ? conversation.messages : conversation.messages.slice(0, firstPerson);
    const runs = [...conversation.nodeRuns].sort((a, b) => runNumber(a.id) - runNumber(b.id));
    return {
      id: conversation.id,
      version: conversation.flowVersion.version,
      createdAt: conversation.createdAt,
      inputs: botPart.filter((message) => message.author === "contact").map((message) => message.text),
      replies: botPart.filter((message) => message.author === "bot").map((message) => message.text),
      path: runs.map((run) => run.nodeId),
      canned: cannedFromRuns(runs),
    };
  });
}

/**
 * A real conversation's NodeRuns carry no detail today (only tests record it), so most replays
 * call out for real; where a custom activity's output was recorded it answers the draft's step.
 * An HTTP step's detail keeps the mapped values, not the body, so it cannot be canned from it.
 */
function cannedFromRuns(runs: { nodeId: string; kind: string; detail: unknown }[]): Record<string, CannedResponse> {
  const canned: Record<string, CannedResponse> = {};
  for (const run of runs) {
    const output = (run.detail as NodeRunDetail | null)?.output;
    if (run.kind === "custom_activity" && output && typeof output === "object" && !(run.nodeId in canned)) {
      canned[run.nodeId] = { output: output as Record<string, unknown> };
    }
  }
  return canned;
}

/** What a (test) conversation did, read back from its messages and NodeRuns. */
export async function conversationRun(db: Db, conversationId: string): Promise<ConversationRun> {
  const [messages, runs] = await Promise.all([
    db.message.findMany({ where: { conversationId, author: "bot" }, orderBy: { seq: "asc" }, select: { text: true } }),
    db.nodeRun.findMany({ where: { conversationId }, select: { id: true, nodeId: true } }),
  ]);
  runs.sort((a, b) => runNumber(a.id) - runNumber(b.id));
  return { path: runs.map((run) => run.nodeId), replies: messages.map((message) => message.text) };
}
