import { ApplicationFailure } from "@temporalio/common";
import { databaseKindOf, writeTransaction, type Db, type SecretBox } from "@parley/db";
import { activityIdempotencyKey, createGuardedFetch, egressRefusal, type EgressDeps } from "./egress";
import { FailureType } from "./types";
import { analyticsStatements } from "./analytics-events";
import { endpointSecrets } from "./webhooks/delivery";
import { signedHeaders } from "./webhooks/signature";

/** Tests point webhooks at a local server by allowing loopback (`httpAllowedNetworks`). */
export interface EscalationDeps extends EgressDeps {
  db: Db;
  /** Opens webhook signing secrets: a breach webhook to a registered endpoint is signed with its secret. */
  secretBox?: SecretBox;
}

export interface NotifyTeamInput {
  /** Chosen by the workflow (conversation, clock, cycle, level): a retry rewrites the same row. */
  id: string;
  conversationId: string;
  /** queued: the conversation entered a team's queue; warning/breach: an SLA clock. */
  level: "queued" | "warning" | "breach";
  /** The SLA clock of a warning or breach. */
  clock?: string;
  /** The team to notify; default: the conversation's team as stored. */
  team?: string;
  message: string;
  /** Workflow time of the escalation (ISO). */
  at: string;
}

/** Activities behind the SLA escalation ladder. */
export function createEscalationActivities(deps: EscalationDeps) {
  const { db } = deps;
  const guardedFetch = createGuardedFetch(deps);
  return {
    /** Records a notification for the conversation's team (the inbox shows unread ones). */
    async notifyTeam(input: NotifyTeamInput): Promise<void> {
      const conversation = await db.conversation.findUnique({
        where: { id: input.conversationId },
        select: { workspaceId: true, team: true },
      });
      if (!conversation) {
        throw ApplicationFailure.nonRetryable(`conversation ${input.conversationId} not found`, FailureType.ConversationNotFound);
      }
      const data = {
        workspaceId: conversation.workspaceId,
        conversationId: input.conversationId,
        team: input.team ?? conversation.team,
        level: input.level,
        clock: input.clock ?? null,
        message: input.message,
        createdAt: new Date(input.at),
      };
      await db.notification.upsert({ where: { id: input.id }, create: { id: input.id, ...data }, update: data });
      if (input.level !== "queued") {
        // The notification's id names the clock, cycle and level: the event's is derived from it.
        const type = input.level === "breach" ? "sla_breach" : "sla_warning";
        const event = { id: `${input.id}:sla`, type, at: data.createdAt, props: { clock: input.clock ?? null } } as const;
        await writeTransaction(db, analyticsStatements(databaseKindOf(db), input.conversationId, [event]));
      }
    },

    /**
     * The agent to reassign to: the workspace's agent with the fewest conversations waiting on a
     * person, other than the current assignee. Null when there is nobody else.
     */
    async pickAgent(input: { conversationId: string; excludeAgentId: string | null }): Promise<string | null> {
      const conversation = await db.conversation.findUnique({
        where: { id: input.conversationId },
        select: { workspaceId: true },
      });
      if (!conversation) {
        throw ApplicationFailure.nonRetryable(`conversation ${input.conversationId} not found`, FailureType.ConversationNotFound);
      }
      const members = await db.member.findMany({
        where: {
          workspaceId: conversation.workspaceId,
          role: "agent",
          deactivatedAt: null,
          ...(input.excludeAgentId ? { userId: { not: input.excludeAgentId } } : {}),
        },
        select: { user: { select: { id: true, _count: { select: { assigned: { where: { status: "handoff" } } } } } } },
        orderBy: { createdAt: "asc" },
      });
      const agents = members.map((member) => member.user);
      agents.sort((a, b) => a._count.assigned - b._count.assigned);
      return agents[0]?.id ?? null;
    },

    /**
     * POSTs a JSON event. 2xx is done; 4xx means the receiver refuses it (non-retryable), and so
     * does the SSRF guard (./egress: a loopback, private or metadata address, after DNS and on
     * every redirect); anything else (5xx, network, timeout) is thrown for Temporal to retry with
     * backoff. The `Idempotency-Key` is the same on every retry of one escalation. Aimed at an
     * endpoint the workspace subscribed as a webhook, it is signed with that endpoint's secret
     * (the Parley-Signature scheme of ./webhooks); elsewhere it goes unsigned.
     */
    async postWebhook(input: { url: string; payload: Record<string, unknown> }): Promise<void> {
      let url: URL;
      try {
        url = new URL(input.url);
      } catch {
        throw ApplicationFailure.nonRetryable(`webhook URL is not a URL: ${input.url.slice(0, 200)}`, FailureType.WebhookRejected);
      }
      const body = JSON.stringify(input.payload);
      const idempotencyKey = activityIdempotencyKey("sla-webhook");
      const conversationId = typeof input.payload.conversationId === "string" ? input.payload.conversationId : null;
      const workspace = conversationId ? await db.conversation.findUnique({ where: { id: conversationId }, select: { workspaceId: true } }) : null;
      const secrets = workspace ? await endpointSecrets(db, deps.secretBox, workspace.workspaceId, input.url) : null;
      let response;
      try {
        response = await guardedFetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "user-agent": "Parley-Webhooks/1",
            "idempotency-key": idempotencyKey,
            // The same signature as webhook deliveries (the id repeats on every retry of this escalation).
            ...(secrets ? signedHeaders(secrets, `sla_${idempotencyKey}`, body) : {}),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
      } catch (err) {
        const refused = egressRefusal(err);
        if (refused) throw ApplicationFailure.nonRetryable(`webhook refused: ${refused.message}`, FailureType.WebhookRejected);
        throw err;
      }
      await response.body?.cancel();
      if (response.ok) return;
      if (response.status >= 400 && response.status < 500) {
        throw ApplicationFailure.nonRetryable(`webhook refused with HTTP ${response.status}`, FailureType.WebhookRejected);
      }
      throw new Error(`webhook failed with HTTP ${response.status}`);
    },
  };
}
