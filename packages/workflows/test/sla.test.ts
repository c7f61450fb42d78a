import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { agentMessageSignal, customerMessageUpdate, stateQuery } from "../src";
import { conversationHarness } from "./support/harness";

const MIN = 60_000;
// Registered before the webhook's hooks: the worker starts first and stops last.
// The webhook receiver is a loopback server: the SSRF guard refuses loopback unless allowed.
const harness = conversationHarness({
  server: "time-skipping",
  taskQueuePrefix: "sla-test",
  worker: { activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"] } },
});
let webhook: http.Server;
let webhookUrl: string;
const received: Record<string, unknown>[] = [];

beforeAll(async () => {
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
  await new Promise((resolve) => webhook?.close(resolve));
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
  const { id, handle, say } = await harness.run(slaFlow(policy));
  const turn = await say("Refund please");
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

/** The SLA's notifications (the handoff's own "queued" one is tested in handoff.test.ts). */
const notifications = (conversationId: string) =>
  harness.database.db.notification.findMany({ where: { conversationId, clock: { not: null } }, orderBy: { createdAt: "asc" } });

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
    await harness.env.sleep(8 * MIN);
    const warned = await until(() => notifications(id), (rows) => rows.length >= 1);
    expect(warned.map((row) => [row.level, row.clock])).toEqual([["warning", "firstResponse"]]);
    expect((await handle.query(stateQuery)).sla?.firstResponse).toMatchObject({ warned: true, breached: false });

    await harness.env.sleep(8 * MIN);
    const rows = await until(() => notifications(id), (r) => r.some((row) => row.level === "breach"));
    expect(rows.filter((row) => row.level === "breach").map((row) => row.clock)).toEqual(["firstResponse"]);
    const conversationRow = await until(
      () => harness.database.db.conversation.findUniqueOrThrow({ where: { id } }),
      (row) => row.assigneeId !== null && row.priority === "high",
    );
    expect(conversationRow.assigneeId).toBe(harness.database.seed.agentId);
    const hook = await until(async () => received.find((body) => body.conversationId === id), Boolean);
    expect(hook).toMatchObject({ event: "sla.breached", clock: "firstResponse", team: "Billing", priority: "high" });
    const notes = await harness.database.db.message.findMany({ where: { conversationId: id, author: "system" }, orderBy: { seq: "asc" } });
    expect(notes.map((note) => note.text)).toEqual(
      expect.arrayContaining([
        "SLA warning: first response has used 50% of its 15 min target",
        "SLA breached: first response target of 15 min missed",
        "Priority raised to high",
        "Reassigned after the SLA breach",
      ]),
    );

    // The warning and the breach reach the dashboards as analytics events, on the team's rows.
    const slaEvents = await harness.database.db.analyticsEvent.findMany({ where: { conversationId: id, type: { in: ["sla_warning", "sla_breach"] } }, orderBy: { at: "asc" } });
    expect(slaEvents.map((event) => [event.type, event.team])).toEqual([
      ["sla_warning", "Billing"],
      ["sla_breach", "Billing"],
    ]);
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
    await harness.env.sleep(5 * MIN);
    await handle.signal(agentMessageSignal, { agentId: harness.database.seed.agentId, text: "Looking into it" });
    await until(() => handle.query(stateQuery), (state) => state.sla?.firstResponse.phase === "met");
    // Hours pass while the customer has the ball: nothing escalates.
    await harness.env.sleep(3 * 60 * MIN);
    const quiet = await handle.query(stateQuery);
    expect(quiet.sla?.resolution).toMatchObject({ phase: "paused", warned: false });
    expect(quiet.sla!.resolution.elapsedMs).toBeGreaterThanOrEqual(5 * MIN);
    expect(quiet.sla!.resolution.elapsedMs).toBeLessThan(6 * MIN);
    expect(await notifications(id)).toEqual([]);

    // The customer writes: next response runs (breach after 10 min), resolution resumes.
    await handle.executeUpdate(customerMessageUpdate, { args: [{ text: "Any news?" }] });
    await harness.env.sleep(11 * MIN);
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
    await harness.env.sleep(friday.getTime() - (await harness.env.currentTimeMs()));

    const { id } = await handedOffConversation({
      firstResponse: "15",
      nextResponse: "0",
      resolution: "0",
      warnAtPercent: "50",
      onBreach: "notify",
      timeZone: "UTC",
      hours: "mon-fri 09:00-17:00",
    });
    const handedOffAt = (await harness.database.db.conversation.findUniqueOrThrow({ where: { id } })).handedOffAt!.getTime();
    const openLeftFriday = friday.getTime() + 10 * MIN - handedOffAt;
    const monday9 = friday.getTime() + 3 * 24 * 60 * MIN - (7 * 60 + 50) * MIN;
    const expectedBreach = monday9 + (15 * MIN - openLeftFriday);

    await harness.env.sleep(2 * 24 * 60 * MIN); // Sunday 16:50: only the warning has fired
    const weekend = await until(() => notifications(id), (rows) => rows.length >= 1);
    expect(weekend.map((row) => row.level)).toEqual(["warning"]);

    await harness.env.sleep(17 * 60 * MIN); // Monday 09:50
    const rows = await until(() => notifications(id), (r) => r.some((row) => row.level === "breach"));
    const breach = rows.find((row) => row.level === "breach")!;
    expect(Math.abs(breach.createdAt.getTime() - expectedBreach)).toBeLessThan(1000);
    expect(new Date(expectedBreach).toISOString()).toMatch(/T09:0[45]:/);
  });
});
