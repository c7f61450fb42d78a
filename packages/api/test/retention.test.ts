import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { WorkflowNotFoundError } from "@temporalio/client";
import { RETENTION_SWEEP_WORKFLOW, retentionScheduleId, type RetentionSweepResult } from "@parley/workflows";
import { ensureRetentionSchedule } from "@parley/worker";
import { line, serverStack } from "./support/stack";

/**
 * Retention and erasure against a real Temporal server and database: the sweep deletes exactly
 * what is past each workspace's retention (rows and workflow histories) and keeps the rest; an
 * erased contact leaves nothing behind but an audit event with counts.
 */
const stack = serverStack("retention-test");

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY);

/** start → end: the conversation closes at once. */
const closing = line([
  { id: "start", kind: "start", config: {} },
  { id: "end", kind: "end", config: { status: "closed", message: "Thanks, bye." } },
]);
/** start → ask: the conversation stays open (its workflow runs, waiting for an answer). */
const waiting = line([
  { id: "start", kind: "start", config: {} },
  { id: "ask", kind: "ask", config: { question: "What is your order number?", variable: "order" }, port: "answered" },
  { id: "end", kind: "end", config: { status: "closed" } },
]);

/** Starts a conversation through the API; its row then says it was last touched `age` days ago. */
async function conversation(flowId: string, age: number, contact?: { name?: string; email?: string }) {
  const { conversationId } = await stack.as().conversations.start({ flowId, ...(contact ? { contact } : {}) });
  const at = daysAgo(age);
  await stack.database.db.conversation.update({ where: { id: conversationId }, data: { updatedAt: at, lastMessageAt: at } });
  return conversationId;
}

/**
 * Whether Temporal still has the workflow. Deletion is asynchronous: a running workflow is gone
 * at once, a closed one when the server's deletion task gets to it (about half a minute on the
 * dev server), so expectGoneFromTemporal polls.
 */
async function inTemporal(workflowId: string): Promise<boolean> {
  try {
    await stack.client.workflow.getHandle(workflowId).describe();
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}
async function expectGoneFromTemporal(workflowId: string) {
  await expect.poll(() => inTemporal(workflowId), { timeout: 120_000, interval: 500 }).toBe(false);
}

function sweep(): Promise<RetentionSweepResult> {
  return stack.client.workflow.execute(RETENTION_SWEEP_WORKFLOW, { taskQueue: stack.taskQueue, workflowId: `sweep-${Date.now()}`, args: [] });
}

describe("retention settings", () => {
  it("an admin reads and sets them, the change is audited; bad values are 400, other roles 403", async () => {
    const api = stack.as("owner");
    expect(await api.settings.retention()).toEqual({ retainTranscriptsDays: null, retainRecordingsDays: null, retainAuditDays: null });
    const set = { retainTranscriptsDays: 30, retainRecordingsDays: 7, retainAuditDays: 365 };
    expect(await api.settings.setRetention(set)).toEqual(set);
    expect(await api.settings.retention()).toEqual(set);
    const audit = await stack.database.db.auditEvent.findFirst({ where: { action: "settings.retention_change" } });
    expect(audit?.details).toMatchObject({ after: set, before: { retainTranscriptsDays: null } });

    for (const bad of [0, 3651, 1.5, -1]) {
      await expect(api.settings.setRetention({ ...set, retainAuditDays: bad })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    for (const role of ["supervisor", "agent", "analyst"] as const) {
      await expect(stack.as(role).settings.setRetention(set)).rejects.toSatisfy((err: unknown) => err instanceof TRPCError && err.code === "FORBIDDEN");
      await expect(stack.as(role).settings.retention()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("the retention sweep", () => {
  it("deletes exactly what is past retention, with its workflow histories, and keeps the rest", { timeout: 180_000 }, async () => {
    const { db, seed } = stack.database;
    await stack.as().settings.setRetention({ retainTranscriptsDays: 30, retainRecordingsDays: 7, retainAuditDays: 90 });
    const closed = await stack.publish(closing);
    const open = await stack.publish(waiting);

    const expired = await conversation(closed.flowId, 31);
    const recent = await conversation(closed.flowId, 29);
    const stillOpen = await conversation(open.flowId, 400);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: expired } })).status).toBe("closed");
    expect(await db.message.count({ where: { conversationId: expired } })).toBeGreaterThan(0);

    // Another workspace keeps everything (no retention set): its old conversation stays.
    const other = await db.workspace.create({ data: { name: "Other", slug: "other-retention" } });
    const otherContact = await db.contact.create({ data: { workspaceId: other.id } });
    const otherOld = await db.conversation.create({
      data: { workspaceId: other.id, contactId: otherContact.id, flowVersionId: closed.versionId, workflowId: "other-old", status: "closed", updatedAt: daysAgo(999), lastMessageAt: daysAgo(999) },
    });

    // Recordings: the caller's old one goes, a recent one and an old synthesized prompt stay.
    const audio = { sampleRate: 16000, durationMs: 1000, bytes: 4, iv: Buffer.alloc(12), tag: Buffer.alloc(16), data: Buffer.alloc(4) };
    const oldRecording = await db.audioRecording.create({ data: { ...audio, conversationId: recent, kind: "recording", createdAt: daysAgo(8) } });
    const newRecording = await db.audioRecording.create({ data: { ...audio, conversationId: recent, kind: "recording", createdAt: daysAgo(6) } });
    const oldPrompt = await db.audioRecording.create({ data: { ...audio, conversationId: recent, kind: "prompt", createdAt: daysAgo(8) } });

    // Audit events: older than 90 days go (this workspace only).
    const event = (workspaceId: string, at: Date) => db.auditEvent.create({ data: { workspaceId, actorType: "system", actorLabel: "test", action: "test.event", at } });
    const oldEvent = await event(seed.workspaceId, daysAgo(91));
    const newEvent = await event(seed.workspaceId, daysAgo(89));
    const otherOldEvent = await event(other.id, daysAgo(999));

    const result = await sweep();
    expect(result).toMatchObject({ conversations: 1, recordings: 1, auditEvents: 1 });

    expect(await db.conversation.findUnique({ where: { id: expired } })).toBeNull();
    expect(await db.message.count({ where: { conversationId: expired } })).toBe(0);
    expect(await db.nodeRun.count({ where: { conversationId: expired } })).toBe(0);
    await expectGoneFromTemporal(expired);

    for (const id of [recent, stillOpen]) {
      expect(await db.conversation.findUnique({ where: { id } })).not.toBeNull();
      expect(await inTemporal(id)).toBe(true);
    }
    expect(await db.conversation.findUnique({ where: { id: otherOld.id } })).not.toBeNull();
    expect((await db.audioRecording.findMany({ where: { id: { in: [oldRecording.id, newRecording.id, oldPrompt.id] } } })).map((r) => r.id).sort()).toEqual(
      [newRecording.id, oldPrompt.id].sort(),
    );
    expect((await db.auditEvent.findMany({ where: { id: { in: [oldEvent.id, newEvent.id, otherOldEvent.id] } } })).map((e) => e.id).sort()).toEqual(
      [newEvent.id, otherOldEvent.id].sort(),
    );

    // Idempotent: a second sweep finds nothing more to do.
    expect(await sweep()).toEqual({ conversations: 0, recordings: 0, auditEvents: 0, contacts: 0, abandonedOpenings: 0 });
  });

  it("closes rows whose opening never started a workflow, and no live conversation", async () => {
    const { db, seed } = stack.database;
    await stack.as().settings.setRetention({ retainTranscriptsDays: null, retainRecordingsDays: null, retainAuditDays: null });
    const open = await stack.publish(waiting);
    const hourAgo = new Date(Date.now() - 60 * 60 * 1000);
    // What an API that stopped between writing the row and starting the workflow leaves behind.
    const orphan = async (createdAt: Date) => {
      const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
      const id = `abandoned-${createdAt.getTime()}-${Math.random().toString(36).slice(2)}`;
      await db.conversation.create({ data: { id, workflowId: id, workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: open.versionId, createdAt } });
      return id;
    };
    const abandoned = await orphan(hourAgo);
    const justOpening = await orphan(new Date());
    // A live conversation that has said nothing yet (its workflow runs): never touched.
    const { conversationId: silent } = await stack.as().conversations.start({ flowId: open.flowId });
    await db.conversation.update({ where: { id: silent }, data: { createdAt: hourAgo, lastMessageAt: null } });

    expect(await sweep()).toMatchObject({ abandonedOpenings: 1 });
    const status = async (id: string) => (await db.conversation.findUniqueOrThrow({ where: { id } })).status;
    expect(await status(abandoned)).toBe("closed");
    expect(await status(justOpening)).toBe("active");
    expect(await status(silent)).toBe("active");
    expect(await inTemporal(silent)).toBe(true);
    expect(await sweep()).toMatchObject({ abandonedOpenings: 0 });
  });

  it("works through more than one batch", async () => {
    const { db, seed } = stack.database;
    await stack.as().settings.setRetention({ retainTranscriptsDays: null, retainRecordingsDays: null, retainAuditDays: 1 });
    await db.auditEvent.createMany({
      data: Array.from({ length: 450 }, () => ({ workspaceId: seed.workspaceId, actorType: "system", actorLabel: "test", action: "test.bulk", at: daysAgo(2) })),
    });
    expect((await sweep()).auditEvents).toBeGreaterThanOrEqual(450);
    expect(await db.auditEvent.count({ where: { action: "test.bulk" } })).toBe(0);
  });

  it("runs from a Schedule the worker creates, then updates, then removes", async () => {
    const options = { client: stack.client, taskQueue: stack.taskQueue };
    expect(await ensureRetentionSchedule({ ...options, every: "24h" })).toBe("created");
    expect(await ensureRetentionSchedule({ ...options, every: "6h" })).toBe("updated");
    const handle = stack.client.schedule.getHandle(retentionScheduleId(stack.taskQueue));
    const described = await handle.describe();
    expect(described.spec.intervals).toEqual([expect.objectContaining({ every: 6 * 60 * 60 * 1000 })]);
    expect(described.action).toMatchObject({ type: "startWorkflow", workflowType: RETENTION_SWEEP_WORKFLOW, taskQueue: stack.taskQueue });

    // Triggered now (as the interval would), the sweep it starts completes.
    await handle.trigger();
    await expect
      .poll(async () => (await handle.describe()).info.recentActions.length, { timeout: 30_000, interval: 200 })
      .toBeGreaterThan(0);
    const [action] = (await handle.describe()).info.recentActions;
    await stack.client.workflow.getHandle(action!.action.workflow.workflowId).result();

    expect(await ensureRetentionSchedule({ ...options, every: "off" })).toBe("removed");
    expect(await ensureRetentionSchedule({ ...options, every: "off" })).toBe("off");
  });
});

describe("erasing a contact", () => {
  it("removes their conversations, messages, recordings and workflows, and audits counts only", { timeout: 180_000 }, async () => {
    const { db } = stack.database;
    const person = { name: "Erin Erasure", email: "erin.erasure@example.com" };
    const closed = await stack.publish(closing);
    const open = await stack.publish(waiting);
    const first = await conversation(closed.flowId, 0, person);
    const contactId = (await db.conversation.findUniqueOrThrow({ where: { id: first } })).contactId;
    // A second conversation of the same person, still running (waiting for an answer).
    const second = await conversation(open.flowId, 0);
    const secondContact = (await db.conversation.findUniqueOrThrow({ where: { id: second } })).contactId;
    await db.conversation.update({ where: { id: second }, data: { contactId } });
    await db.contact.delete({ where: { id: secondContact } });
    await stack.as().conversations.send({ conversationId: second, text: "My order is 4711, Erin Erasure here" });
    const audio = { sampleRate: 16000, durationMs: 1000, bytes: 4, iv: Buffer.alloc(12), tag: Buffer.alloc(16), data: Buffer.alloc(4) };
    await db.audioRecording.create({ data: { ...audio, conversationId: second, kind: "recording" } });
    // Someone else, who stays.
    const bystander = await conversation(closed.flowId, 0, { name: "Bea Bystander" });

    const found = await stack.as().contacts.list({ query: "erin.erasure" });
    expect(found.contacts).toEqual([expect.objectContaining({ id: contactId, name: person.name, conversations: 2 })]);

    const messages = await db.message.count({ where: { conversationId: { in: [first, second] } } });
    const result = await stack.as().contacts.erase({ contactId });
    expect(result).toEqual({ status: "erased", conversations: 2, messages, recordings: 1, contact: true });

    await Promise.all([expectGoneFromTemporal(first), expectGoneFromTemporal(second)]);
    expect(await db.contact.findUnique({ where: { id: contactId } })).toBeNull();
    expect(await db.conversation.count({ where: { OR: [{ contactId }, { id: { in: [first, second] } }] } })).toBe(0);
    expect(await db.message.count({ where: { OR: [{ conversationId: { in: [first, second] } }, { text: { contains: "Erin" } }] } })).toBe(0);
    expect(await db.audioRecording.count({ where: { conversationId: { in: [first, second] } } })).toBe(0);
    expect(await db.conversation.findUnique({ where: { id: bystander } })).not.toBeNull();
    expect(await inTemporal(bystander)).toBe(true);

    // The audit log says who erased whom and how much, and nothing the person said or was called.
    const audit = await db.auditEvent.findMany({ where: { action: "contact.erase" } });
    expect(audit).toEqual([
      expect.objectContaining({ targetType: "contact", targetId: contactId, actorType: "user", actorLabel: "admin@parley.dev", details: { conversations: 2, messages, recordings: 1, contact: true } }),
    ]);
    const everything = JSON.stringify(await db.auditEvent.findMany());
    for (const text of ["Erin", "erasure@example.com", "4711"]) expect(everything).not.toContain(text);
  });

  it("answers 404 for an unknown contact or another workspace's, and 403 without settings:manage (listing needs contacts:read)", async () => {
    const { db } = stack.database;
    await expect(stack.as().contacts.erase({ contactId: "no-such-contact" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const other = await db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-erasure" } });
    const theirs = await db.contact.create({ data: { workspaceId: other.id, name: "Not yours" } });
    await expect(stack.as().contacts.erase({ contactId: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db.contact.findUnique({ where: { id: theirs.id } })).not.toBeNull();
    await expect(stack.as("supervisor").contacts.erase({ contactId: theirs.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(stack.as("agent").contacts.erase({ contactId: theirs.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Agents find contacts on the Contacts page; analysts, who read no conversations, do not.
    await expect(stack.as("analyst").contacts.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
