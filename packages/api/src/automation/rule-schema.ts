import { z } from "zod";
import { nodeKinds } from "@parley/flow";
import { idSchema, labelSchema } from "../inputs";

/**
 * What an automation rule is: one event, conditions that must all hold, and actions run in order
 * (Chatwoot's automation rules, Zendesk's triggers). Each part is a typed registry, so an event,
 * condition or action missing from the engine, the dry run or the settings screen fails to compile.
 */
export const AUTOMATION_EVENTS = [
  "conversation.created",
  "message.received",
  "status.changed",
  "assignee.changed",
  "idle",
  "sla.warning",
  "sla.breach",
  "csat.received",
] as const;
export type AutomationEventName = (typeof AUTOMATION_EVENTS)[number];

export interface AutomationEventKind {
  label: string;
  /** What the rule's actions would cause that is this event again (a rule that triggers itself). */
  causedBy: AutomationAction["type"][];
}

export const automationEvents = {
  "conversation.created": { label: "Conversation created", causedBy: [] },
  "message.received": { label: "Customer message received", causedBy: [] },
  "status.changed": { label: "Status changed", causedBy: ["resolve", "assignTeam", "assignAgent"] },
  "assignee.changed": { label: "Assignee or team changed", causedBy: ["assignTeam", "assignAgent"] },
  idle: { label: "Idle for N minutes", causedBy: [] },
  "sla.warning": { label: "SLA warning", causedBy: [] },
  "sla.breach": { label: "SLA breached", causedBy: [] },
  "csat.received": { label: "CSAT rating received", causedBy: [] },
} satisfies Record<AutomationEventName, AutomationEventKind>;

const CHANNELS = ["web", "voice", "sms", "whatsapp", "email", "api"] as const;
const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
const teamName = z.string().trim().min(1).max(80);

export const automationConditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("channel"), in: z.array(z.enum(CHANNELS)).min(1) }),
  z.object({ type: z.literal("team"), in: z.array(teamName).min(1).max(20) }),
  z.object({ type: z.literal("label"), labelId: idSchema }),
  /** Case-insensitive, in the customer's message (for other events: their latest message). */
  z.object({ type: z.literal("textContains"), text: labelSchema("text", 200) }),
  z.object({ type: z.literal("priority"), in: z.array(z.enum(PRIORITIES)).min(1) }),
  /** How the customer's words feel (the local sentiment lexicon of packages/ai, as the sentiment node's fallback). */
  z.object({ type: z.literal("sentiment"), in: z.array(z.enum(["negative", "neutral", "positive"])).min(1) }),
  /** Inside (open) or outside (closed) business hours, the business-hours node's calendar. */
  z.object({ type: z.literal("businessHours"), when: z.enum(["open", "closed"]), calendar: nodeKinds.business_hours.config }),
]);
export type AutomationCondition = z.infer<typeof automationConditionSchema>;

export const automationActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("assignTeam"), team: teamName }),
  z.object({ type: z.literal("assignAgent"), agentId: idSchema }),
  z.object({ type: z.literal("addLabel"), labelId: idSchema }),
  z.object({ type: z.literal("cannedReply"), cannedResponseId: idSchema }),
  z.object({ type: z.literal("addNote"), text: labelSchema("note", 2000) }),
  /** A notification for the conversation's team (or the whole workspace's staff without a team). */
  z.object({ type: z.literal("notify"), message: labelSchema("notification", 300) }),
  /** Only a handed-off conversation has a priority: with the bot, the action is skipped. */
  z.object({ type: z.literal("setPriority"), priority: z.enum(PRIORITIES) }),
  z.object({ type: z.literal("resolve") }),
  /** A signed `automation.rule` event to one of the workspace's webhook endpoints (Settings → Webhooks). */
  z.object({ type: z.literal("callWebhook"), subscriptionId: idSchema }),
]);
export type AutomationAction = z.infer<typeof automationActionSchema>;

export const automationRuleSchema = z
  .object({
    name: labelSchema("rule name", 80),
    enabled: z.boolean().default(true),
    event: z.enum(AUTOMATION_EVENTS),
    idleMinutes: z.number().int().min(1).max(60 * 24 * 30).nullable().default(null),
    conditions: z.array(automationConditionSchema).max(20).default([]),
    actions: z.array(automationActionSchema).min(1).max(20),
  })
  .superRefine((rule, issues) => {
    if (rule.event === "idle" && rule.idleMinutes === null) issues.addIssue({ code: "custom", path: ["idleMinutes"], message: "an idle rule needs its minutes" });
    if (rule.event !== "idle" && rule.idleMinutes !== null) issues.addIssue({ code: "custom", path: ["idleMinutes"], message: "only idle rules have minutes" });
    const resolveAt = rule.actions.findIndex((action) => action.type === "resolve");
    if (resolveAt !== -1 && resolveAt !== rule.actions.length - 1) issues.addIssue({ code: "custom", path: ["actions"], message: "resolve must be the last action" });
  });
export type AutomationRuleInput = z.infer<typeof automationRuleSchema>;

/** A stored rule's parts, read back through the same schemas (a rule that no longer parses never runs). */
export const storedConditions = z.array(automationConditionSchema).catch([]);
export const storedActions = z.array(automationActionSchema).catch([]);

/** The events a rule's own actions cause (a rule's run carries them, so they do not trigger rules again past the cap). */
export function effectsOf(actions: AutomationAction[]): AutomationEventName[] {
  return AUTOMATION_EVENTS.filter((event) => actions.some((action) => (automationEvents[event].causedBy as string[]).includes(action.type)));
}
