import { TRPCError } from "@trpc/server";
import type { Db } from "@parley/db";
import { automationEvents, type AutomationAction, type AutomationRuleInput } from "./rule-schema";

/** How the refusal names an action that sets off events. */
const ACTION_WORDS: Partial<Record<AutomationAction["type"], string>> = { assignTeam: "transfer to a team", assignAgent: "assign to an agent", resolve: "resolve" };

/** What the rule's conditions and actions name, looked up in the workspace. */
async function missingNames(db: Db, workspaceId: string, rule: AutomationRuleInput): Promise<string[]> {
  const labelIds = [
    ...rule.conditions.flatMap((condition) => (condition.type === "label" ? [condition.labelId] : [])),
    ...rule.actions.flatMap((action) => (action.type === "addLabel" ? [action.labelId] : [])),
  ];
  const teams = [
    ...rule.conditions.flatMap((condition) => (condition.type === "team" ? condition.in : [])),
    ...rule.actions.flatMap((action) => (action.type === "assignTeam" ? [action.team] : [])),
  ];
  const agentIds = rule.actions.flatMap((action) => (action.type === "assignAgent" ? [action.agentId] : []));
  const cannedIds = rule.actions.flatMap((action) => (action.type === "cannedReply" ? [action.cannedResponseId] : []));
  const endpointIds = rule.actions.flatMap((action) => (action.type === "callWebhook" ? [action.subscriptionId] : []));
  const [labels, knownTeams, members, canned, endpoints] = await Promise.all([
    db.label.findMany({ where: { workspaceId, id: { in: labelIds } }, select: { id: true } }),
    db.team.findMany({ where: { workspaceId, name: { in: teams } }, select: { name: true } }),
    db.member.findMany({ where: { workspaceId, userId: { in: agentIds }, deactivatedAt: null, role: { not: "analyst" } }, select: { userId: true } }),
    db.cannedResponse.findMany({ where: { workspaceId, id: { in: cannedIds } }, select: { id: true } }),
    db.webhookSubscription.findMany({ where: { workspaceId, id: { in: endpointIds } }, select: { id: true } }),
  ]);
  return [
    ...labelIds.filter((id) => !labels.some((label) => label.id === id)).map((id) => `label ${id}`),
    ...teams.filter((name) => !knownTeams.some((team) => team.name === name)).map((name) => `team "${name}"`),
    ...agentIds.filter((id) => !members.some((member) => member.userId === id)).map((id) => `agent ${id}`),
    ...cannedIds.filter((id) => !canned.some((row) => row.id === id)).map((id) => `canned response ${id}`),
    ...endpointIds.filter((id) => !endpoints.some((row) => row.id === id)).map((id) => `webhook endpoint ${id}`),
  ];
}

/**
 * The action by which a rule would set off its own event again, if any. A transfer to a team the
 * rule's team condition leaves out cannot: the conversation no longer matches once it moved.
 */
export function selfTrigger(rule: Pick<AutomationRuleInput, "event" | "conditions" | "actions">): AutomationAction | null {
  const causes = automationEvents[rule.event].causedBy as AutomationAction["type"][];
  const teamCondition = rule.conditions.find((condition) => condition.type === "team");
  return (
    rule.actions.find((action) => {
      if (!causes.includes(action.type)) return false;
      if (action.type === "assignTeam" && teamCondition && !teamCondition.in.includes(action.team)) return false;
      return true;
    }) ?? null
  );
}

/**
 * Refuses (400) a rule that names a label, team, agent, canned response or webhook endpoint the workspace does not
 * have, or that would trigger itself. Checked when a rule is saved; at run time a name deleted
 * since is skipped with an audit note instead (the engine never fails on it).
 */
export async function checkRule(db: Db, workspaceId: string, rule: AutomationRuleInput): Promise<void> {
  const missing = await missingNames(db, workspaceId, rule);
  if (missing.length > 0) throw new TRPCError({ code: "BAD_REQUEST", message: `the rule names what the workspace does not have: ${[...new Set(missing)].join(", ")}` });
  const loop = selfTrigger(rule);
  if (loop) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `this rule would trigger itself: its "${ACTION_WORDS[loop.type] ?? loop.type}" action causes "${automationEvents[rule.event].label}", the event it runs on; add a condition the action undoes (e.g. a team condition without the team it transfers to) or pick another event`,
    });
  }
}
