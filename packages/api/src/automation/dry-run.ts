import { TRPCError } from "@trpc/server";
import type { Db } from "@parley/db";
import { renderCanned } from "../canned/render-canned";
import { refuseUnfitAgent } from "../routers/assign-checks";
import { selfTrigger } from "./check-rule";
import { evaluateConditions } from "./conditions";
import { factsOf } from "./events";
import { automationEvents, type AutomationAction, type AutomationRuleInput } from "./rule-schema";

const NEEDS_OPEN: AutomationAction["type"][] = ["assignTeam", "assignAgent", "cannedReply", "resolve", "setPriority"];

/** What one action would do here, in words, or why it would be skipped. */
async function preview(db: Db, workspaceId: string, conversationId: string, status: string, action: AutomationAction): Promise<{ would: string; skip: string | null }> {
  if (NEEDS_OPEN.includes(action.type) && (status === "resolved" || status === "closed")) return { would: action.type, skip: `the conversation is ${status}` };
  switch (action.type) {
    case "addLabel": {
      const label = await db.label.findFirst({ where: { id: action.labelId, workspaceId }, select: { name: true } });
      return { would: `add the label "${label?.name ?? action.labelId}"`, skip: label ? null : "the label no longer exists" };
    }
    case "assignTeam": {
      const team = await db.team.findUnique({ where: { workspaceId_name: { workspaceId, name: action.team } }, select: { id: true } });
      return { would: `transfer to ${action.team}`, skip: team ? null : "the team no longer exists" };
    }
    case "assignAgent": {
      const member = await db.member.findFirst({ where: { workspaceId, userId: action.agentId, deactivatedAt: null, role: { not: "analyst" } }, select: { user: { select: { id: true, name: true } } } });
      if (!member) return { would: `assign to ${action.agentId}`, skip: "the agent is no longer a member who works conversations" };
      const unfit = await refuseUnfitAgent(db, { workspaceId, conversationId, agent: member.user, team: null }).then(
        () => null,
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      );
      return { would: `assign to ${member.user.name}`, skip: unfit };
    }
    case "cannedReply": {
      const canned = await db.cannedResponse.findFirst({ where: { id: action.cannedResponseId, workspaceId }, select: { body: true, shortcut: true } });
      if (!canned) return { would: "send a canned reply", skip: "the canned response no longer exists" };
      const row = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { variables: true, contact: { select: { name: true, email: true } } } });
      const variables = row.variables && typeof row.variables === "object" && !Array.isArray(row.variables) ? row.variables : {};
      const rendered = renderCanned(canned.body, { contact: row.contact, agent: { name: "Automation" }, conversation: { id: conversationId }, variables });
      return { would: `reply "${rendered.text}"`, skip: rendered.unknown.length > 0 ? `no value for ${rendered.unknown.map((name) => `{{${name}}}`).join(", ")}` : null };
    }
    case "addNote":
      return { would: `add the private note "${action.text}"`, skip: null };
    case "notify":
      return { would: `notify the team: "${action.message}"`, skip: null };
    case "resolve":
      return { would: "resolve the conversation", skip: null };
    case "setPriority":
      return { would: `set the priority to ${action.priority}`, skip: status === "handoff" ? null : "the bot has the conversation: no priority yet" };
    case "callWebhook": {
      const endpoint = await db.webhookSubscription.findFirst({ where: { id: action.subscriptionId, workspaceId }, select: { url: true, enabled: true } });
      if (!endpoint) return { would: "call a webhook", skip: "the webhook endpoint no longer exists" };
      return { would: `send a signed automation.rule event to ${endpoint.url}`, skip: endpoint.enabled ? null : "the webhook endpoint is switched off" };
    }
  }
}

/**
 * A rule tried on one conversation without changing it: each condition with whether it holds now
 * (text conditions read the customer's latest message), and each action with what it would do or
 * why the engine would skip it.
 */
export async function dryRun(db: Db, workspaceId: string, rule: AutomationRuleInput, conversationId: string) {
  const owned = await db.conversation.findFirst({ where: { id: conversationId, workspaceId, test: false }, select: { id: true } });
  const facts = owned ? await factsOf(db, conversationId) : null;
  if (!facts) throw new TRPCError({ code: "NOT_FOUND", message: `conversation ${conversationId} not found` });
  const { matched, results } = evaluateConditions(rule.conditions, facts);
  const actions = [];
  for (const action of rule.actions) actions.push({ type: action.type, ...(await preview(db, workspaceId, conversationId, facts.status, action)) });
  const loop = selfTrigger(rule);
  return {
    event: automationEvents[rule.event].label,
    matched,
    conditions: results.map((result) => ({ description: result.description, holds: result.holds })),
    actions,
    warnings: loop ? [`this rule would trigger itself through "${loop.type}"`] : [],
  };
}
