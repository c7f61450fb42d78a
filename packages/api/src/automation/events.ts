import type { ChangeEvent, Db } from "@parley/db";
import type { AutomationEventName } from "./rule-schema";

/** One automation event read from a ChangeEvent row: `key` names it once per conversation and cause. */
export interface AutomationEvent {
  name: AutomationEventName;
  key: string;
  /** The customer's words, for message.received. */
  text?: string;
  /** Minutes of quiet, for idle. */
  minutes?: number;
  /** When the message was written: a rule acts only on messages written after it was saved. */
  at?: Date;
}

export type ChangeRow = Pick<ChangeEvent, "id" | "workspaceId" | "kind" | "conversationId" | "status" | "previousStatus" | "assigneeId" | "previousAssigneeId" | "team" | "previousTeam" | "detail" | "createdAt">;

/** Customer messages one message row may stand for (a turn writes the customer's and the bot's at once). */
const RECENT_CUSTOMER_MESSAGES = 3;

const SLA_LEVELS = [
  ["warned", "sla.warning"],
  ["breached", "sla.breach"],
] as const;

/**
 * The automation events a change stands for. Trigger rows say what changed but not which message
 * or clock, so message, SLA and CSAT events are read from the conversation and keyed by what they
 * are about (a message id, a clock's due time): reading a row twice, or two rows for one message,
 * gives the same keys, and each rule claims each key once.
 */
export async function eventsOf(db: Db, row: ChangeRow, wanted: ReadonlySet<AutomationEventName>): Promise<AutomationEvent[]> {
  const conversationId = row.conversationId;
  if (!conversationId) return [];
  const events: AutomationEvent[] = [];
  if (row.kind === "conversation.created" && wanted.has("conversation.created")) events.push({ name: "conversation.created", key: "created" });
  if (row.kind === "message" && wanted.has("message.received")) {
    const messages = await db.message.findMany({
      where: { conversationId, author: "contact" },
      orderBy: { seq: "desc" },
      take: RECENT_CUSTOMER_MESSAGES,
      select: { id: true, text: true, createdAt: true },
    });
    for (const message of messages.reverse()) events.push({ name: "message.received", key: `message:${message.id}`, text: message.text, at: message.createdAt });
  }
  if (row.kind === "automation.idle" && wanted.has("idle")) {
    const minutes = Number(/^(\d+)@\d+$/.exec(row.detail ?? "")?.[1]);
    if (minutes > 0) events.push({ name: "idle", key: `idle:${row.detail}`, minutes });
  }
  if (row.kind !== "conversation.updated") return events;
  if (row.status !== row.previousStatus && wanted.has("status.changed")) events.push({ name: "status.changed", key: `change:${row.id}` });
  if ((row.assigneeId !== row.previousAssigneeId || row.team !== row.previousTeam) && wanted.has("assignee.changed")) events.push({ name: "assignee.changed", key: `change:${row.id}` });
  if (!wanted.has("sla.warning") && !wanted.has("sla.breach") && !wanted.has("csat.received")) return events;
  const conversation = await db.conversation.findUnique({ where: { id: conversationId }, select: { sla: true, csatScore: true } });
  if (conversation?.csatScore != null && wanted.has("csat.received")) events.push({ name: "csat.received", key: "csat" });
  const clocks = conversation?.sla && typeof conversation.sla === "object" && !Array.isArray(conversation.sla) ? conversation.sla : {};
  for (const [clock, view] of Object.entries(clocks)) {
    if (!view || typeof view !== "object" || Array.isArray(view)) continue;
    const state = view as { warned?: unknown; breached?: unknown; dueAt?: unknown };
    for (const [flag, name] of SLA_LEVELS) {
      // A clock that runs again (the next response) has a new due time: a new warning, a new breach.
      if (state[flag] === true && wanted.has(name)) events.push({ name, key: `sla:${clock}:${flag}:${String(state.dueAt)}` });
    }
  }
  return events;
}

/** The conversation's facts for conditions, or null when it is gone or a simulator's test. */
export async function factsOf(db: Db, conversationId: string) {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: { channel: true, team: true, priority: true, status: true, test: true, labels: { select: { labelId: true } } },
  });
  if (!conversation || conversation.test) return null;
  const latest = await db.message.findFirst({ where: { conversationId, author: "contact" }, orderBy: { seq: "desc" }, select: { text: true } });
  return {
    channel: conversation.channel as string,
    team: conversation.team,
    priority: conversation.priority as string,
    status: conversation.status as string,
    labelIds: conversation.labels.map((label) => label.labelId),
    text: latest?.text ?? null,
    now: Date.now(),
  };
}
