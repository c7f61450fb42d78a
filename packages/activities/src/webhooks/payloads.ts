import { WEBHOOK_AUTOMATION_EVENT_TYPE, WEBHOOK_EVENT_SOURCES, WEBHOOK_REPORT_EVENT_TYPE, WEBHOOK_TEST_EVENT_TYPE, webhookEventPublicId, type Db, type Prisma, type WebhookEvent, type WebhookEventSource, type WebhookEventType } from "@parley/db";

/** The JSON body of every delivery: Stripe's envelope, the type's object under `data`. */
export interface WebhookPayload {
  id: string;
  type: WebhookEventType | typeof WEBHOOK_TEST_EVENT_TYPE | typeof WEBHOOK_AUTOMATION_EVENT_TYPE | typeof WEBHOOK_REPORT_EVENT_TYPE;
  /** When it happened (ISO 8601). */
  created: string;
  workspaceId: string;
  data: Record<string, unknown>;
}

type SourceRow = Pick<WebhookEvent, "id" | "workspaceId" | "source" | "sourceId" | "conversationId" | "createdAt">;
/** What a type's data is built from: the analytics event it came from (null for a contact). */
type Analytics = { id: string; at: Date; agentId: string | null; value: number | null; value2: number | null; props: unknown } | null;
type DataBuilder = (facts: { analytics: Analytics; conversation: Record<string, unknown> | null; row: SourceRow }) => Record<string, unknown>;

const props = (analytics: Analytics) => (analytics?.props && typeof analytics.props === "object" ? (analytics.props as Record<string, unknown>) : {});

/** Each public type's `data`, beyond the conversation every conversation event carries. */
const DATA_BUILDERS = {
  "conversation.created": () => ({}),
  // The analytics id of a message event is `<message id>:message`; the message is read by the caller.
  "message.created": () => ({}),
  "conversation.handoff": ({ analytics }) => ({ priority: props(analytics).priority ?? null }),
  "conversation.assigned": ({ analytics }) => ({ assigneeId: analytics?.agentId ?? null }),
  "conversation.resolved": ({ analytics }) => ({ durationSeconds: analytics?.value ?? null }),
  "csat.submitted": ({ analytics }) => ({ score: analytics?.value ?? null, scale: analytics?.value2 ?? null }),
  "sla.warning": ({ analytics }) => ({ clock: props(analytics).clock ?? null }),
  "sla.breached": ({ analytics }) => ({ clock: props(analytics).clock ?? null }),
  "contact.updated": () => ({}),
} satisfies Record<WebhookEventType, DataBuilder>;

const conversationFields = { id: true, status: true, channel: true, team: true, assigneeId: true, priority: true, contactId: true, createdAt: true } as const;
const contactFields = {
  id: true,
  name: true,
  email: true,
  phone: true,
  attributes: true,
  createdAt: true,
  // How the person is recognised on each channel: a linked identity or a merge is a change too.
  identities: { orderBy: [{ kind: "asc" as const }, { value: "asc" as const }], select: { kind: true, value: true } },
} satisfies Prisma.ContactSelect;

/**
 * The public event of a stored source row, or null when what it describes is gone (a conversation
 * erased before the dispatcher came to it): such an event is skipped.
 */
export async function buildWebhookPayload(db: Db, row: SourceRow): Promise<WebhookPayload | null> {
  const envelope = { id: webhookEventPublicId(row.id), created: row.createdAt.toISOString(), workspaceId: row.workspaceId };
  if (row.source === "test") {
    return { ...envelope, type: WEBHOOK_TEST_EVENT_TYPE, data: { message: "A test event from Parley: your endpoint is reachable and verifies signatures." } };
  }
  if (row.source === "automation") return automationPayload(db, row, envelope);
  const type = WEBHOOK_EVENT_SOURCES[row.source as WebhookEventSource] as WebhookEventType | undefined;
  if (!type || !row.sourceId) return null;
  if (type === "contact.updated") {
    const contact = await db.contact.findFirst({ where: { id: row.sourceId, workspaceId: row.workspaceId }, select: contactFields });
    return contact ? { ...envelope, type, data: { contact: { ...contact, createdAt: contact.createdAt.toISOString() } } } : null;
  }
  const [analytics, conversation] = await Promise.all([
    db.analyticsEvent.findUnique({ where: { id: row.sourceId }, select: { id: true, at: true, agentId: true, value: true, value2: true, props: true } }),
    db.conversation.findFirst({ where: { id: row.conversationId ?? "", workspaceId: row.workspaceId }, select: conversationFields }),
  ]);
  if (!conversation) return null;
  const conversationData = { ...conversation, createdAt: conversation.createdAt.toISOString() };
  const data: Record<string, unknown> = { conversation: conversationData, ...DATA_BUILDERS[type]({ analytics, conversation: conversationData, row }) };
  if (type === "message.created") {
    const messageId = row.sourceId.replace(/:message$/, "");
    const message = await db.message.findUnique({ where: { id: messageId }, select: { id: true, seq: true, author: true, authorId: true, text: true, createdAt: true } });
    if (!message) return null;
    data.message = { ...message, createdAt: message.createdAt.toISOString() };
  }
  return { ...envelope, type, created: (analytics?.at ?? row.createdAt).toISOString(), data };
}

/** An automation rule's call: which rule ran on which event, and the conversation it ran on. */
async function automationPayload(db: Db, row: SourceRow, envelope: Pick<WebhookPayload, "id" | "created" | "workspaceId">): Promise<WebhookPayload | null> {
  const run = row.sourceId
    ? await db.automationRun.findUnique({ where: { id: row.sourceId }, select: { id: true, eventKey: true, createdAt: true, rule: { select: { id: true, name: true, event: true, workspaceId: true } } } })
    : null;
  const conversation = await db.conversation.findFirst({ where: { id: row.conversationId ?? "", workspaceId: row.workspaceId }, select: conversationFields });
  if (!run || run.rule.workspaceId !== row.workspaceId || !conversation) return null;
  return {
    ...envelope,
    type: WEBHOOK_AUTOMATION_EVENT_TYPE,
    data: {
      rule: { id: run.rule.id, name: run.rule.name, event: run.rule.event },
      run: { id: run.id, eventKey: run.eventKey, created: run.createdAt.toISOString() },
      conversation: { ...conversation, createdAt: conversation.createdAt.toISOString() },
    },
  };
}
