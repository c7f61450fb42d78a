import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION } from "@parley/flow";
import { automationIdleWorkflowId } from "@parley/workflows";
import { createConversationWorker } from "@parley/worker";
import { AutomationEngine } from "../src";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { startTimeSkippingServer, uniqueTaskQueue } from "../../../test/support/temporal";

/**
 * "Idle for N minutes" on Temporal's time-skipping server: the quiet spell is a durable timer per
 * conversation (no scan), activity starts it over, and the conversation's end stops it.
 */
const MIN = 60_000;
const taskQueue = uniqueTaskQueue("automation-idle");
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let engine: AutomationEngine;

beforeAll(async () => {
  [env, database] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  engine = new AutomationEngine({ db: database.db, temporal: env.client }, { taskQueue });
  await engine.poll();
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** A conversation row in the inbox (its flow's workflow is not needed: the rule only notifies). */
async function waitingConversation() {
  const { db, seed } = database;
  const flow = await db.flow.create({
    data: { workspaceId: seed.workspaceId, name: `idle ${Date.now()}`, versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson({ schemaVersion: FLOW_SCHEMA_VERSION, nodes: [], edges: [] }), published: true } } },
    include: { versions: true },
  });
  const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Quiet Quentin" } });
  return db.conversation.create({
    data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: flow.versions[0]!.id, workflowId: `idle-test-${contact.id}`, status: "handoff", team: "Support" },
  });
}

let seq = 0;
const customerWrites = (conversationId: string, text: string) =>
  database.db.message.create({ data: { id: `${conversationId}-${++seq}`, conversationId, seq, author: "contact", text } });

const notifications = (conversationId: string) => database.db.notification.findMany({ where: { conversationId, level: "automation" } });

/** Reads the feed until `done` holds: the timer's activity runs on the worker in real time. */
async function settle<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 100; attempt++) {
    await engine.poll();
    const value = await read();
    if (done(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the condition never held");
}

describe("idle rules", () => {
  it("notify after 30 quiet minutes, start over when the customer writes, and stop when the conversation ends", async () => {
    const { db, seed } = database;
    const rule = await db.automationRule.create({
      data: { workspaceId: seed.workspaceId, name: "Quiet half hour", event: "idle", idleMinutes: 30, conditions: asJson([]), actions: asJson([{ type: "notify", message: "Nobody has written for 30 minutes" }]) },
    });
    const conversation = await waitingConversation();
    await customerWrites(conversation.id, "Hello?");
    await engine.poll();
    const timer = env.client.workflow.getHandle(automationIdleWorkflowId(conversation.id));
    expect((await timer.describe()).status.name).toBe("RUNNING");

    // 20 minutes, then the customer writes again: the half hour starts over.
    await env.sleep(20 * MIN);
    await customerWrites(conversation.id, "Still there?");
    await engine.poll();
    await env.sleep(20 * MIN);
    await engine.poll();
    expect(await notifications(conversation.id)).toHaveLength(0);

    // 35 minutes after the last message: one notification, from the rule, for the team.
    await env.sleep(15 * MIN);
    const [notification] = await settle(() => notifications(conversation.id), (rows) => rows.length > 0);
    expect(notification).toMatchObject({ team: "Support", message: "Nobody has written for 30 minutes" });
    const runs = await db.automationRun.findMany({ where: { ruleId: rule.id } });
    expect(runs).toHaveLength(1);
    // The spell that ran out began with the second message, 20 minutes in (workflow time): the first was reset.
    const quietSince = Number(/^idle:30@(\d+)$/.exec(runs[0]!.eventKey)?.[1]);
    const startedAt = (await timer.describe()).startTime.getTime();
    expect(quietSince - startedAt).toBeGreaterThanOrEqual(20 * MIN);

    // More quiet (and the feed read again from the start) adds nothing: one mark per quiet spell.
    await env.sleep(60 * MIN);
    await db.automationCursor.update({ where: { name: "engine" }, data: { position: 0 } });
    for (let i = 0; i < 3; i++) await engine.poll();
    expect(await notifications(conversation.id)).toHaveLength(1);

    // Resolved: the timer ends.
    await db.conversation.update({ where: { id: conversation.id }, data: { status: "resolved" } });
    await engine.poll();
    await timer.result();
    expect((await timer.describe()).status.name).toBe("COMPLETED");
  });
});
