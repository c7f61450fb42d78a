import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WithStartWorkflowOperation } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { agentMessageSignal, customerMessageUpdate, openingUpdate, stateQuery, type conversation } from "../src";
import { startTimeSkippingServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

const MIN = 60_000;
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let webhook: http.Server;
let webhookUrl: string;
const received: Record<string, unknown>[] = [];
const taskQueue = uniqueTaskQueue("sla-test");

beforeAll(async () => {
  [env, database] = await Promise.all([startTimeSkippingServer(), createTestDatabase()]);
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  webhook = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      received.push(JSON.parse(body) as Record<string, unknown>);
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hooks/sla`;
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await new Promise((resolve) => webhook?.close(resolve));
  await env?.teardown();
  await database?.close();
});

function slaFlow(policy: Record<string, unknown>): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "sla", kind: "sla_policy", position: { x: 0, y: 150 }, config: policy },
      { id: "topic", kind: "ask", position: { x: 0, y: 300 }, config: { question: "What do you need?", variable: "topic" } },
      { id: "human", kind: "handoff", position: { x: 0, y: 450 }, config: { team: "Billing", priority: "normal" } },
      { id: "end", kind: "end", position: { x: 0, y: 600 }, config: { status: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "sla" },
      { id: "e2", source: "sla", sourcePort: "next", target: "topic" },
      { id: "e3", source: "topic", sourcePort: "answered", target: "human" },
      { id: "e4", source: "human", sourcePort: "resolved", target: "end" },
      { id: "e5", source: "human", sourcePort: "returned", target: "topic" },
    ],
  };
}

async function handedOffConversation(policy: Record<string, unknown>) {
  const flow = await database.db.flow.create({
    data: {
      workspaceId: database.seed.workspaceId,
      name: `sla ${randomUUID()}`,
      versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(slaFlow(policy)), published: true } },
    },
    include: { versions: true },
  });
  const flowVersionId = flow.versions[0]!.id;
  const id = randomUUID();
  const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId } });
  await database.db.conversation.create({
    data: { id, workflowId: id, workspaceId: database.seed.workspaceId, contactId: contact.id, flowVersionId },
  });
  const operation = new WithStartWorkflowOperation<typeof conversation>("conversation", {
    workflowId: id,
    taskQueue,
    args: [{ conversationId: id, flowVersionId }],
    workflowIdConflictPolicy: "FAIL",
  });
  await env.client.workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation: operation });
  const handle = await operation.workflowHandle();
  const turn = await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Refund please" }] });
  expect(turn.status).toBe("handoff");
  return { id, handle };
}

/** Activities run in real time after a timer fires in skipped time: wait for their effect. */
async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error("condition not reached");
}

const notifications = (conversationId: string) =>
  database.db.notification.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" } });

describe("SLA clocks on durable timers (time-skipping server)", () => {
  it("warns at the threshold, then on breach notifies, raises priority, reassigns and calls the webhook", async () => {
    const { id, handle } = await handedOffConversation({
      firstResponse: "15",
      nextResponse: "10",
      resolution: "60",
      warnAtPercent: "50",
      onBreach: "notify_raise_priority_reassign",
      webhookUrl,
      hours: "always",
    });
    await env.sleep(8 * MIN);
    const warned = await until(() => notifications(id), (rows) => rows.length >= 1);
    expect(warned.map((row) => [row.level, row.clock])).toEqual([["warning", "firstResponse"]]);
    expect((await handle.query(stateQuery)).sla?.firstResponse).toMatchObject({ warned: true, breached: false });

    await env.sleep(8 * MIN);
    const rows = await until(() => notifications(id), (r) => r.some((row) => row.level === "breach"));
    expect(rows.filter((row) => row.level === "breach").map((row) => row.clock)).toEqual(["firstResponse"]);
    const conversationRow = await until(
      () => database.db.conversation.findUniqueOrThrow({ where: { id } }),
      (row) => row.assigneeId !== null && row.priority === "high",
    );
    expect(conversationRow.assigneeId).toBe(database.seed.agentId);
    const hook = await until(async () => received.find((body) => body.conversationId === id), Boolean);
    expect(hook).toMatchObject({ event: "sla.breached", clock: "firstResponse", team: "Billing", priority: "high" });
    const notes = await database.db.message.findMany({ where: { conversationId: id, author: "system" }, orderBy: { seq: "asc" } });
    expect(notes.map((note) => note.text)).toEqual(
      expect.arrayContaining([
        "SLA warning: first response has used 50% of its 15 min target",
        "SLA breached: first response target of 15 min missed",
        "Priority raised to high",
        "Reassigned after the SLA breach",
      ]),
    );
  });

  it("stops when the agent replies and pauses resolution while waiting on the customer", async () => {
    const { id, handle } = await handedOffConversation({
      firstResponse: "15",
      nextResponse: "10",
      resolution: "60",
      warnAtPercent: "50",
      onBreach: "notify",
      hours: "always",
    });
    await env.sleep(5 * MIN);
    await handle.signal(agentMessageSignal, { agentId: database.seed.agentId, text: "Looking into it" });
    await until(() => handle.query(stateQuery), (state) => state.sla?.firstResponse.phase === "met");
    // Hours pass while the customer has the ball: nothing escalates.
    await env.sleep(3 * 60 * MIN);
    const quiet = await handle.query(stateQuery);
    expect(quiet.sla?.resolution).toMatchObject({ phase: "paused", warned: false });
    expect(quiet.sla!.resolution.elapsedMs).toBeGreaterThanOrEqual(5 * MIN);
    expect(quiet.sla!.resolution.elapsedMs).toBeLessThan(6 * MIN);
    expect(await notifications(id)).toEqual([]);

    // The customer writes: next response runs (breach after 10 min), resolution resumes.
    await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Any news?" }] });
    await env.sleep(11 * MIN);
    const rows = await until(() => notifications(id), (r) => r.some((row) => row.level === "breach"));
    expect(rows.map((row) => [row.level, row.clock])).toEqual([
      ["warning", "nextResponse"],
      ["breach", "nextResponse"],
    ]);
  });

  it("counts business hours only: a Friday 16:50 handoff breaches on Monday morning", async () => {
    const now = Date.now();
    // Skip to the next Friday 16:50 UTC before the conversation starts.
    const friday = new Date(now);
    friday.setUTCHours(16, 50, 0, 0);
    friday.setUTCDate(friday.getUTCDate() + ((5 - friday.getUTCDay() + 7) % 7 || 7));
    await env.sleep(friday.getTime() - (await env.currentTimeMs()));

    const { id } = await handedOffConversation({
      firstResponse: "15",
      nextResponse: "0",
      resolution: "0",
      warnAtPercent: "50",
      onBreach: "notify",
      timeZone: "UTC",
      hours: "mon-fri 09:00-17:00",
    });
    const handedOffAt = (await database.db.conversation.findUniqueOrThrow({ where: { id } })).handedOffAt!.getTime();
    const openLeftFriday = friday.getTime() + 10 * MIN - handedOffAt;
    const monday9 = friday.getTime() + 3 * 24 * 60 * MIN - (7 * 60 + 50) * MIN;
    const expectedBreach = monday9 + (15 * MIN - openLeftFriday);

    await env.sleep(2 * 24 * 60 * MIN); // Sunday 16:50: only the warning has fired
    const weekend = await until(() => notifications(id), (rows) => rows.length >= 1);
    expect(weekend.map((row) => row.level)).toEqual(["warning"]);

    await env.sleep(17 * 60 * MIN); // Monday 09:50
    const rows = await until(() => notifications(id), (r) => r.some((row) => row.level === "breach"));
    const breach = rows.find((row) => row.level === "breach")!;
    expect(Math.abs(breach.createdAt.getTime() - expectedBreach)).toBeLessThan(1000);
    expect(new Date(expectedBreach).toISOString()).toMatch(/T09:0[45]:/);
  });
});
