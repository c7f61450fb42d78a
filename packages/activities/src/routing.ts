import { Context } from "@temporalio/activity";
import type { Client } from "@temporalio/client";
import { ApplicationFailure, WorkflowNotFoundError } from "@temporalio/common";
import { DEFAULT_AUTO_AWAY_MS, effectivePresence, persistAutoAway, type Db } from "@parley/db";
import type { Priority } from "@parley/flow";
import { FailureType } from "./types";

/**
 * The team queue's Temporal names, mirrored from @parley/workflows' team-queue contract (this
 * package may not import the workflows package: it depends on these activities' types). The
 * routing integration tests start queues through these, so a drift fails them.
 */
const TEAM_QUEUE_WORKFLOW = "teamQueue";
const ENQUEUE_SIGNAL = "enqueue";
const WITHDRAW_SIGNAL = "withdraw";
const teamQueueWorkflowId = (teamId: string) => `team-queue:${teamId}`;

export interface RoutingDeps {
  db: Db;
  /** Starts and signals team queue workflows (the worker passes a client over its own connection). */
  temporalClient?: Client;
  /** PARLEY_AUTO_AWAY_MINUTES in ms: an online agent idle this long takes no offers (default 10 min). */
  autoAwayMs?: number;
}

export interface EnqueueHandoffInput {
  conversationId: string;
  team: string;
  skills: string[];
  priority: Priority;
  /** HandoffState.since (workflow time, ISO): the queue orders by it and offers carry it. */
  since: string;
}

/** An agent who may take an offer now, with what they already carry. */
export interface RoutingCandidate {
  agentId: string;
  name: string;
  skills: string[];
  chatLoad: number;
  callLoad: number;
  chatCapacity: number;
  callCapacity: number;
}

export interface TeamRoutingView {
  distribution: "least_busy" | "round_robin";
  offerTimeoutSeconds: number;
  agents: RoutingCandidate[];
}

export interface NewOffer {
  id: string;
  workspaceId: string;
  teamId: string;
  conversationId: string;
  agentId: string;
  handoffAt: string;
  expiresAt: string;
}

export type SettledOffer = "accepted" | "declined" | "expired" | "withdrawn";

const isNotFound = (err: unknown) => err instanceof WorkflowNotFoundError || (err as { code?: unknown } | null)?.code === 5;
const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === "P2002";

/**
 * Routing of handed-off conversations to agents: the team queue workflow's reads and writes, and
 * the conversation workflow's way into (and out of) its team's queue.
 */
export function createRoutingActivities(deps: RoutingDeps) {
  const { db } = deps;
  const client = () => {
    if (!deps.temporalClient) throw new Error("routing activities need a Temporal client (temporalClient) to reach team queues");
    return deps.temporalClient;
  };
  const teamOf = async (conversationId: string, team: string) => {
    const conversation = await db.conversation.findUnique({ where: { id: conversationId }, select: { workspaceId: true, channel: true } });
    if (!conversation) throw ApplicationFailure.nonRetryable(`conversation ${conversationId} not found`, FailureType.ConversationNotFound);
    const row = await db.team.findUnique({ where: { workspaceId_name: { workspaceId: conversation.workspaceId, name: team } }, select: { id: true } });
    return { conversation, teamId: row?.id ?? null };
  };

  return {
    /**
     * Puts a handed-off conversation in its team's queue (starting the queue if it is not running:
     * signal-with-start). A team name without a Team row is not routed: null.
     */
    async enqueueHandoff(input: EnqueueHandoffInput): Promise<{ teamId: string } | null> {
      const { conversation, teamId } = await teamOf(input.conversationId, input.team);
      if (!teamId) return null;
      await client().workflow.signalWithStart(TEAM_QUEUE_WORKFLOW, {
        workflowId: teamQueueWorkflowId(teamId),
        taskQueue: Context.current().info.taskQueue,
        args: [{ workspaceId: conversation.workspaceId, teamId }],
        signal: ENQUEUE_SIGNAL,
        signalArgs: [
          { conversationId: input.conversationId, skills: input.skills, priority: input.priority, since: input.since, voice: conversation.channel === "voice" },
        ],
      });
      return { teamId };
    },

    /** Takes the conversation out of its team's queue (it was resolved, handed back or assigned by hand). */
    async withdrawHandoff(input: { conversationId: string; team: string; since?: string }): Promise<void> {
      const { teamId } = await teamOf(input.conversationId, input.team);
      if (!teamId) return;
      try {
        await client().workflow.getHandle(teamQueueWorkflowId(teamId)).signal(WITHDRAW_SIGNAL, { conversationId: input.conversationId, since: input.since });
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    },

    /**
     * The team's settings and its agents who may take an offer now: members, active, online, with
     * their skills and their load per channel kind (conversations assigned to them in handoff plus
     * open or accepted offers of conversations nobody has yet).
     */
    async routingCandidates(input: { teamId: string }): Promise<TeamRoutingView | null> {
      const team = await db.team.findUnique({
        where: { id: input.teamId },
        select: {
          distribution: true,
          offerTimeoutSeconds: true,
          members: {
            where: { member: { deactivatedAt: null, presence: "online", role: { not: "analyst" } } },
            select: {
              member: {
                select: {
                  id: true,
                  userId: true,
                  presence: true,
                  presenceAt: true,
                  lastActiveAt: true,
                  chatCapacity: true,
                  callCapacity: true,
                  user: { select: { name: true } },
                  skills: { select: { skill: { select: { name: true } } } },
                },
              },
            },
          },
        },
      });
      if (!team) return null;
      // Online means online now: an agent whose session went quiet is away (the API's rule), and
      // that is written down here too, so the inbox and the queue agree.
      const now = new Date();
      const awayAfterMs = deps.autoAwayMs ?? DEFAULT_AUTO_AWAY_MS;
      await persistAutoAway(db, team.members.map(({ member }) => member), now, awayAfterMs);
      const present = team.members.filter(({ member }) => effectivePresence(member, now, awayAfterMs) === "online");
      const agentIds = present.map(({ member }) => member.userId);
      const [assigned, offered] = await Promise.all([
        db.conversation.groupBy({ by: ["assigneeId", "channel"], where: { status: "handoff", assigneeId: { in: agentIds } }, _count: true }),
        // Accepted offers count until the conversation's workflow has saved the assignment.
        db.routingOffer.findMany({
          where: { state: { in: ["pending", "accepted"] }, agentId: { in: agentIds }, conversation: { status: "handoff", assigneeId: null } },
          select: { agentId: true, conversation: { select: { channel: true } } },
        }),
      ]);
      const load = new Map(agentIds.map((id) => [id, { chat: 0, call: 0 }]));
      for (const row of assigned) load.get(row.assigneeId!)![row.channel === "voice" ? "call" : "chat"] += row._count;
      for (const row of offered) load.get(row.agentId)![row.conversation.channel === "voice" ? "call" : "chat"] += 1;
      return {
        distribution: team.distribution,
        offerTimeoutSeconds: team.offerTimeoutSeconds,
        agents: present
          .map(({ member }) => ({
            agentId: member.userId,
            name: member.user.name,
            skills: member.skills.map(({ skill }) => skill.name.toLowerCase()),
            chatLoad: load.get(member.userId)!.chat,
            callLoad: load.get(member.userId)!.call,
            chatCapacity: member.chatCapacity,
            callCapacity: member.callCapacity,
          }))
          .sort((a, b) => (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0)),
      };
    },

    /**
     * Records offers chosen by the queue. Ids are the workflow's, so a retry rewrites the same
     * rows. An offer the database refuses (the conversation already has a pending one: the
     * partial unique index) is left out of the answer and the queue does not wait on it.
     */
    async createOffers(input: { offers: NewOffer[] }): Promise<string[]> {
      const created: string[] = [];
      for (const offer of input.offers) {
        const data = { ...offer, handoffAt: new Date(offer.handoffAt), expiresAt: new Date(offer.expiresAt) };
        try {
          await db.routingOffer.upsert({ where: { id: offer.id }, create: data, update: {} });
          created.push(offer.id);
        } catch (err) {
          if (!isUniqueViolation(err)) throw err;
        }
      }
      return created;
    },

    /**
     * Closes a pending offer (it expired, or the agent went offline or the conversation left the
     * queue) with a conditional update. Answers the offer's final state: `accepted` when the agent
     * accepted first, and then the queue assigns as if it had heard of the acceptance.
     */
    async settleOffer(input: { offerId: string; state: "expired" | "withdrawn" }): Promise<SettledOffer | null> {
      await db.routingOffer.updateMany({ where: { id: input.offerId, state: "pending" }, data: { state: input.state, answeredAt: new Date() } });
      const row = await db.routingOffer.findUnique({ where: { id: input.offerId }, select: { state: true } });
      return row ? (row.state as SettledOffer) : null;
    },
  };
}
