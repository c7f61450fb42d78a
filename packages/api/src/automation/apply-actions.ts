import type { Client } from "@temporalio/client";
import type { Db } from "@parley/db";
import { agentMessageSignal, assignSignal, resolveSignal, setPrioritySignal } from "@parley/workflows";
import { recordAudit, type AuditActor } from "../auth/audit";
import { renderCanned } from "../canned/render-canned";
import { writeNote } from "../notes/write-note";
import { knownTeam, refuseUnfitAgent } from "../routers/assign-checks";
import { setConversationLabel } from "../routers/labels";
import { tellQueues } from "../routing-signals";
import type { AutomationAction } from "./rule-schema";

export interface AutomationServices {
  db: Db;
  temporal: Client;
}

export interface RuleRef {
  id: string;
  name: string;
  workspaceId: string;
}

/** The rule as the audit log and the transcript name it. */
export const ruleActor = (rule: RuleRef): AuditActor => ({ type: "system", id: rule.id, label: `automation rule "${rule.name}"` });

/** Why an action was not applied; the run goes on with the next one. */
class Skip extends Error {}

export interface AppliedActions {
  applied: AutomationAction["type"][];
  skipped: { type: AutomationAction["type"]; reason: string }[];
}

/** Where a run starts (a retry: its next action) and what to do after each action is done. */
export interface RunProgress {
  from: number;
  /** Called after the action at `index` was applied or skipped, before the next one starts. */
  done: (index: number) => Promise<void>;
}

/**
 * Runs a rule's actions on one conversation, in order, through the inbox's own code paths: labels
 * and notes as the labels and notes routers write them, assignments, replies and resolving as the
 * same Signals the agents' buttons send, with the same team and capacity checks. What cannot be
 * applied any more (a label deleted since the rule was saved, an agent at capacity, a conversation
 * already resolved) is skipped with an audit note: a rule never fails on it.
 */
export async function applyActions(
  services: AutomationServices,
  rule: RuleRef,
  conversationId: string,
  actions: AutomationAction[],
  runId: string,
  progress: RunProgress = { from: 0, done: async () => {} },
): Promise<AppliedActions> {
  const { db } = services;
  const result: AppliedActions = { applied: [], skipped: [] };
  const open = async () => {
    const conversation = await db.conversation.findFirst({ where: { id: conversationId, workspaceId: rule.workspaceId }, select: { workflowId: true, status: true, assigneeId: true, team: true } });
    if (!conversation) throw new Skip("the conversation is gone");
    if (conversation.status === "resolved" || conversation.status === "closed") throw new Skip(`the conversation is ${conversation.status}`);
    return { ...conversation, handle: services.temporal.workflow.getHandle(conversation.workflowId) };
  };
  const freed = (agentId: string | null) => {
    if (agentId) tellQueues(services, { workspaceId: rule.workspaceId, userId: agentId, available: true });
  };
  const via = `(rule ${rule.name})`;

  for (const [index, action] of actions.entries()) {
    if (index < progress.from) continue;
    try {
      if (action.type === "addLabel") {
        const label = await db.label.findFirst({ where: { id: action.labelId, workspaceId: rule.workspaceId }, select: { id: true } });
        if (!label) throw new Skip(`label ${action.labelId} no longer exists`);
        await setConversationLabel(db, conversationId, label.id, true);
      } else if (action.type === "assignTeam") {
        await knownTeam(db, rule.workspaceId, action.team).catch(() => {
          throw new Skip(`team "${action.team}" no longer exists`);
        });
        const conversation = await open();
        await conversation.handle.signal(assignSignal, { agentId: null, team: action.team, note: `Transferred to ${action.team} ${via}` });
        freed(conversation.assigneeId);
      } else if (action.type === "assignAgent") {
        const member = await db.member.findFirst({ where: { workspaceId: rule.workspaceId, userId: action.agentId, deactivatedAt: null, role: { not: "analyst" } }, select: { user: { select: { id: true, name: true } } } });
        if (!member) throw new Skip(`agent ${action.agentId} is no longer a member who works conversations`);
        const conversation = await open();
        await refuseUnfitAgent(db, { workspaceId: rule.workspaceId, conversationId, agent: member.user, team: null }).catch((err: unknown) => {
          throw new Skip(err instanceof Error ? err.message : String(err));
        });
        await conversation.handle.signal(assignSignal, { agentId: member.user.id, note: `Assigned to ${member.user.name} ${via}` });
        if (conversation.assigneeId !== member.user.id) freed(conversation.assigneeId);
      } else if (action.type === "cannedReply") {
        const canned = await db.cannedResponse.findFirst({ where: { id: action.cannedResponseId, workspaceId: rule.workspaceId }, select: { body: true, shortcut: true } });
        if (!canned) throw new Skip(`canned response ${action.cannedResponseId} no longer exists`);
        const conversation = await open();
        const row = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { variables: true, contact: { select: { name: true, email: true } } } });
        const variables = row.variables && typeof row.variables === "object" && !Array.isArray(row.variables) ? row.variables : {};
        const rendered = renderCanned(canned.body, { contact: row.contact, agent: { name: rule.name }, conversation: { id: conversationId }, variables });
        if (rendered.unknown.length > 0) throw new Skip(`/${canned.shortcut} has no value for ${rendered.unknown.map((name) => `{{${name}}}`).join(", ")} here`);
        await conversation.handle.signal(agentMessageSignal, { agentId: null, text: rendered.text });
      } else if (action.type === "addNote") {
        // Named after the run and the action's place, like the notification: a retry never writes it twice.
        await writeNote(db, { id: `automation-${runId}-${index}`, workspaceId: rule.workspaceId, conversationId, author: { id: `automation:${rule.id}`, name: rule.name }, kind: "note", text: action.text, mentions: [] }).catch(
          (err: unknown) => {
            if ((err as { code?: string }).code !== "P2002") throw err;
          },
        );
      } else if (action.type === "setPriority") {
        const conversation = await open();
        if (conversation.status !== "handoff") throw new Skip("the bot has the conversation: only a handed-off conversation has a priority");
        await conversation.handle.signal(setPrioritySignal, { priority: action.priority, note: `Priority set to ${action.priority} ${via}` });
      } else if (action.type === "notify") {
        const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { team: true } });
        // Named after the run and the action's place: a run is claimed once, so this is written once.
        await db.notification
          .create({ data: { id: `automation-${runId}-${index}`, workspaceId: rule.workspaceId, conversationId, team: conversation.team, level: "automation", message: action.message, createdAt: new Date() } })
          .catch((err: unknown) => {
            // A retry of a run that wrote it before its progress was saved: it is there already.
            if ((err as { code?: string }).code !== "P2002") throw err;
          });
      } else if (action.type === "callWebhook") {
        const endpoint = await db.webhookSubscription.findFirst({ where: { id: action.subscriptionId, workspaceId: rule.workspaceId }, select: { enabled: true } });
        if (!endpoint) throw new Skip(`webhook endpoint ${action.subscriptionId} no longer exists`);
        if (!endpoint.enabled) throw new Skip(`webhook endpoint ${action.subscriptionId} is switched off`);
        // Stored, not sent: the worker's dispatcher signs and delivers it with retries (a run is
        // claimed once, so this row is written once).
        await db.webhookEvent.create({ data: { workspaceId: rule.workspaceId, source: "automation", sourceId: runId, conversationId, subscriptionId: action.subscriptionId } });
      } else {
        const conversation = await open();
        await conversation.handle.signal(resolveSignal, { agentId: null });
        freed(conversation.assigneeId);
      }
      result.applied.push(action.type);
    } catch (err) {
      if (!(err instanceof Skip)) throw err;
      result.skipped.push({ type: action.type, reason: err.message });
      await recordAudit(db, null, {
        workspaceId: rule.workspaceId,
        actor: ruleActor(rule),
        action: "automation.action_skipped",
        target: { type: "conversation", id: conversationId },
        details: { rule: rule.name, action: action.type, reason: err.message },
      });
    }
    await progress.done(index);
  }
  return result;
}
