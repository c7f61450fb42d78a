import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { Client } from "@temporalio/client";
import { asJson } from "@parley/db";
import { AutomationEngine } from "../src";
import { line, serverStack } from "./support/stack";

/**
 * Automation rules against a real Temporal dev server and database: the engine reads the change
 * feed's rows, runs each matching rule once per event through the inbox's own actions, and a rule
 * never feeds on its own doing for long.
 */
const stack = serverStack("automation");
let engine: AutomationEngine;

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

/** Lets the engine read what happened until `done` holds (workflows persist asynchronously). */
async function settle<T>(read: () => Promise<T>, done: (value: T) => boolean, reader = engine): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    await reader.poll();
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the condition never held");
}

const conversation = (id: string) => stack.database.db.conversation.findUniqueOrThrow({ where: { id }, include: { labels: true } });
const runsOf = (ruleId: string) => stack.database.db.automationRun.findMany({ where: { ruleId }, orderBy: { createdAt: "asc" } });

/** A conversation waiting in `team`'s queue, carrying `labelId` (which scopes this test's rules to it). */
async function waitingIn(team: string, labelId?: string) {
  const { flowId } = await stack.publish(
    line([
      { id: "start", kind: "start", config: {} },
      { id: "human", kind: "handoff", config: { message: "", team, skills: "", priority: "normal", summary: "" }, ports: ["resolved", "returned"] },
      { id: "end", kind: "end", config: { status: "resolved" } },
    ]),
  );
  const { conversationId } = await stack.as().conversations.start({ flowId });
  if (labelId) await stack.database.db.conversationLabel.create({ data: { conversationId, labelId } });
  await settle(() => conversation(conversationId), (row) => row.status === "handoff");
  return conversationId;
}

const newLabel = async (name: string) => (await stack.as().labels.create({ name, color: "#aa3300" })).id;

beforeAll(async () => {
  engine = new AutomationEngine({ db: stack.database.db, temporal: stack.client }, { taskQueue: stack.taskQueue });
  // The first read places the cursor at the feed's end: rules act on what happens from now on.
  await engine.poll();
});

describe("automation rules", () => {
  it('a customer message containing "refund" gets a label and moves to Billing, once, with the rule as the actor', async () => {
    const refund = await newLabel("refund");
    const { id: ruleId } = await stack.as().automation.create({
      name: "Refunds to Billing",
      event: "message.received",
      conditions: [{ type: "textContains", text: "REFUND" }],
      actions: [
        { type: "addLabel", labelId: refund },
        { type: "assignTeam", team: "Billing" },
      ],
    });
    const id = await waitingIn("Support");
    await stack.as().conversations.send({ conversationId: id, text: "Hello, I would like a refund for order 12" });
    const moved = await settle(() => conversation(id), (row) => row.team === "Billing" && row.labels.length === 1);
    expect(moved.labels.map((label) => label.labelId)).toEqual([refund]);
    expect(moved.status).toBe("handoff");

    const audit = await stack.database.db.auditEvent.findMany({ where: { action: "automation.run", actorId: ruleId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorType: "system", actorLabel: 'automation rule "Refunds to Billing"', targetId: id });
    expect(audit[0]!.details).toMatchObject({ event: "message.received", applied: ["addLabel", "assignTeam"], skipped: [] });

    // Read again from the start (a restart that lost its cursor) and by a second process at once: nothing runs twice.
    await stack.database.db.automationCursor.update({ where: { name: "engine" }, data: { position: 0 } });
    const other = new AutomationEngine({ db: stack.database.db, temporal: stack.client }, { taskQueue: stack.taskQueue });
    await Promise.all([engine.poll(), other.poll()]);
    await settle(() => stack.database.db.automationCursor.findUniqueOrThrow({ where: { name: "engine" } }), () => true);
    expect(await runsOf(ruleId)).toHaveLength(1);
    expect(await stack.database.db.auditEvent.count({ where: { action: "automation.run", actorId: ruleId } })).toBe(1);
    const transfers = await stack.database.db.message.findMany({ where: { conversationId: id, text: { contains: "(rule Refunds to Billing)" } } });
    expect(transfers.map((message) => message.text)).toEqual(["Transferred to Billing (rule Refunds to Billing)"]);

    // A message without the word sets off nothing more.
    await stack.as().conversations.send({ conversationId: id, text: "Thanks!" });
    await settle(() => stack.database.db.message.count({ where: { conversationId: id, text: "Thanks!" } }), (count) => count === 1);
    await engine.poll();
    expect(await runsOf(ruleId)).toHaveLength(1);
    await stack.as().automation.setEnabled({ id: ruleId, enabled: false });
  });

  it("refuses (400) a rule naming an unknown team, agent or label, and one that would trigger itself", async () => {
    const admin = stack.as();
    const unknownTeam = await refusal(admin.automation.create({ name: "x", event: "conversation.created", actions: [{ type: "assignTeam", team: "Nowhere" }] }));
    expect(unknownTeam).toMatchObject({ code: "BAD_REQUEST" });
    expect(unknownTeam.message).toContain('team "Nowhere"');
    expect((await refusal(admin.automation.create({ name: "x", event: "conversation.created", actions: [{ type: "assignAgent", agentId: "nobody" }] }))).message).toContain("agent nobody");
    expect((await refusal(admin.automation.create({ name: "x", event: "conversation.created", actions: [{ type: "addLabel", labelId: "gone" }] }))).message).toContain("label gone");
    expect((await refusal(admin.automation.create({ name: "x", event: "conversation.created", actions: [{ type: "callWebhook", subscriptionId: "gone" }] }))).message).toContain("webhook endpoint gone");
    const loop = await refusal(admin.automation.create({ name: "x", event: "assignee.changed", actions: [{ type: "assignTeam", team: "Billing" }] }));
    expect(loop.code).toBe("BAD_REQUEST");
    expect(loop.message).toContain("would trigger itself");
    // The same transfer is fine when the rule's own condition stops matching after it.
    await admin.automation.create({ name: "Support goes to Billing", enabled: false, event: "assignee.changed", conditions: [{ type: "team", in: ["Support"] }], actions: [{ type: "assignTeam", team: "Billing" }] });
    expect((await refusal(admin.automation.create({ name: "x", event: "idle", actions: [{ type: "resolve" }] }))).code).toBe("BAD_REQUEST");
    expect(await stack.database.db.automationRule.count({ where: { name: "x" } })).toBe(0);
  });

  it("stops loops: a rule never reacts to its own change, and two rules that feed each other stop at the depth cap", async () => {
    const { db, seed } = stack.database;
    const scope = await newLabel("loop-test");
    // Saved before the checks existed (or by hand): a rule that does set off its own event.
    const self = await db.automationRule.create({
      data: { workspaceId: seed.workspaceId, name: "Self", event: "assignee.changed", conditions: asJson([{ type: "label", labelId: scope }]), actions: asJson([{ type: "assignTeam", team: "Billing" }]) },
    });
    const id = await waitingIn("Support", scope);
    await settle(() => conversation(id), (row) => row.team === "Billing");
    for (let i = 0; i < 5; i++) await engine.poll();
    expect(await runsOf(self.id)).toHaveLength(1);
    await db.automationRule.update({ where: { id: self.id }, data: { enabled: false } });

    const pingPong = await newLabel("ping-pong");
    const toBilling = await stack.as().automation.create({ name: "Ping", event: "assignee.changed", conditions: [{ type: "label", labelId: pingPong }, { type: "team", in: ["Support"] }], actions: [{ type: "assignTeam", team: "Billing" }] });
    const toSupport = await stack.as().automation.create({ name: "Pong", event: "assignee.changed", conditions: [{ type: "label", labelId: pingPong }, { type: "team", in: ["Billing"] }], actions: [{ type: "assignTeam", team: "Support" }] });
    const bounced = await waitingIn("Support", pingPong);
    // Handoff (depth 0) → Ping (0) → Pong (1) → Ping (2) → Pong (3) → stop.
    await settle(() => db.automationRun.count({ where: { conversationId: bounced } }), (count) => count === 4);
    for (let i = 0; i < 10; i++) {
      await engine.poll();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const runs = await db.automationRun.findMany({ where: { conversationId: bounced }, orderBy: { createdAt: "asc" } });
    expect(runs.map((run) => [run.ruleId, run.depth])).toEqual([
      [toBilling.id, 0],
      [toSupport.id, 1],
      [toBilling.id, 2],
      [toSupport.id, 3],
    ]);
    expect((await conversation(bounced)).team).toBe("Support");
    await stack.as().automation.setEnabled({ id: toBilling.id, enabled: false });
    await stack.as().automation.setEnabled({ id: toSupport.id, enabled: false });
  });

  it("skips an action whose label was deleted after the rule was saved, with an audit note, and runs the rest", async () => {
    const doomed = await newLabel("doomed");
    const scope = await newLabel("deleted-label-test");
    const { id: ruleId } = await stack.as().automation.create({
      name: "Label then note",
      event: "message.received",
      conditions: [{ type: "label", labelId: scope }],
      actions: [
        { type: "addLabel", labelId: doomed },
        { type: "addNote", text: "Looked at by automation" },
      ],
    });
    await stack.as().labels.delete({ id: doomed });
    const id = await waitingIn("Support", scope);
    await stack.as().conversations.send({ conversationId: id, text: "Anyone there?" });
    const [run] = await settle(() => runsOf(ruleId), (runs) => runs.length === 1);
    expect(run!.details).toMatchObject({ applied: ["addNote"], skipped: [{ type: "addLabel", reason: `label ${doomed} no longer exists` }] });
    const skipped = await stack.database.db.auditEvent.findMany({ where: { action: "automation.action_skipped", actorId: ruleId } });
    expect(skipped.map((event) => event.details)).toEqual([{ rule: "Label then note", action: "addLabel", reason: `label ${doomed} no longer exists` }]);
    const notes = await stack.database.db.conversationNote.findMany({ where: { conversationId: id } });
    expect(notes.map((note) => [note.authorId, note.text])).toEqual([[`automation:${ruleId}`, "Looked at by automation"]]);

    // The dry run says the same before anything happens.
    const dry = await stack.as().automation.test({
      conversationId: id,
      rule: { name: "Label then note", event: "message.received", conditions: [{ type: "label", labelId: scope }, { type: "textContains", text: "refund" }], actions: [{ type: "addLabel", labelId: doomed }, { type: "resolve" }] },
    });
    expect(dry).toMatchObject({
      matched: false,
      conditions: [
        { description: `has label ${scope}`, holds: true },
        { description: 'text contains "refund"', holds: false },
      ],
      actions: [
        { type: "addLabel", skip: "the label no longer exists" },
        { type: "resolve", would: "resolve the conversation", skip: null },
      ],
    });
    expect((await conversation(id)).status).toBe("handoff");
  });

  it("raises a waiting conversation's priority through the workflow, with the rule named in the transcript", async () => {
    const scope = await newLabel("priority-test");
    const { id: ruleId } = await stack.as().automation.create({
      name: "Angry is urgent",
      event: "message.received",
      conditions: [{ type: "label", labelId: scope }, { type: "textContains", text: "angry" }],
      actions: [{ type: "setPriority", priority: "urgent" }],
    });
    const id = await waitingIn("Support", scope);
    await stack.as().conversations.send({ conversationId: id, text: "I am angry now" });
    const raised = await settle(() => conversation(id), (row) => row.priority === "urgent");
    expect(raised.status).toBe("handoff");
    const notes = await stack.database.db.message.findMany({ where: { conversationId: id, author: "system", text: { contains: "Priority set to urgent" } } });
    expect(notes.map((message) => message.text)).toEqual(["Priority set to urgent (rule Angry is urgent)"]);
    expect(await runsOf(ruleId)).toHaveLength(1);
    await stack.as().automation.setEnabled({ id: ruleId, enabled: false });
  });

  it("tries a run that failed half-way again from its next action, once Temporal answers", async () => {
    const scope = await newLabel("retry-test");
    const seen = await newLabel("escalated");
    const { id: ruleId } = await stack.as().automation.create({
      name: "Escalations to Billing",
      event: "message.received",
      conditions: [{ type: "label", labelId: scope }, { type: "textContains", text: "escalate" }],
      actions: [
        { type: "addLabel", labelId: seen },
        { type: "assignTeam", team: "Billing" },
      ],
    });
    const id = await waitingIn("Support", scope);
    // The engine's Temporal calls fail for real: a namespace the server does not have.
    const services = { db: stack.database.db, temporal: new Client({ connection: stack.client.connection, namespace: "no-such-namespace" }) };
    const failing = new AutomationEngine(services, { taskQueue: stack.taskQueue });
    await stack.as().conversations.send({ conversationId: id, text: "Please escalate this" });
    const [failed] = await settle(() => runsOf(ruleId), (runs) => runs.length === 1 && runs[0]!.nextAction === 1 && runs[0]!.retryAt !== null, failing);
    expect(failed!.attempts).toBe(1);
    const halfway = await conversation(id);
    expect(halfway.labels.map((label) => label.labelId).sort()).toEqual([scope, seen].sort());
    expect(halfway.team).toBe("Support");

    // Temporal is back; the retry (due later, asked for now) resumes at the transfer.
    services.temporal = stack.client;
    await failing.retryDue(new Date(Date.now() + 24 * 60 * 60_000));
    const [done] = await runsOf(ruleId);
    expect(done).toMatchObject({ attempts: 2, nextAction: 2, retryAt: null, outcome: "applied", details: { applied: ["assignTeam"] } });
    const moved = await settle(() => conversation(id), (row) => row.team === "Billing", failing);
    expect(moved.labels).toHaveLength(2);
    const audit = await stack.database.db.auditEvent.findMany({ where: { action: "automation.run", actorId: ruleId } });
    expect(audit.map((event) => event.details)).toEqual([expect.objectContaining({ applied: ["assignTeam"], attempt: 2 })]);
    await stack.as().automation.setEnabled({ id: ruleId, enabled: false });
  });
});
