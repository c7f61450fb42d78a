// Workspace SLA policies follow the conversation: a transfer to another team or a priority change
// re-targets the clocks from the policy that now applies, measured from the original handoff.
// Real worker, SQLite database and Temporal's time-skipping server (SLA timers of minutes and hours).
import { beforeAll, describe, expect, it } from "vitest";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { assignSignal, setPrioritySignal, stateQuery } from "../src";
import { conversationHarness } from "./support/harness";

const MIN = 60_000;
const harness = conversationHarness({ server: "time-skipping", taskQueuePrefix: "sla-retarget" });

/** No SLA node: the workspace's policies decide. ask → hand off to Support (normal) → end. */
const flow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "topic", kind: "ask", position: { x: 0, y: 150 }, config: { question: "What do you need?", variable: "topic" } },
    { id: "human", kind: "handoff", position: { x: 0, y: 300 }, config: { team: "Support", priority: "normal" } },
    { id: "end", kind: "end", position: { x: 0, y: 450 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "topic" },
    { id: "e2", source: "topic", sourcePort: "answered", target: "human" },
    { id: "e3", source: "human", sourcePort: "resolved", target: "end" },
    { id: "e4", source: "human", sourcePort: "returned", target: "topic" },
  ],
};

const policy = (firstResponse: string) => ({ firstResponse, nextResponse: "0", resolution: "0", warnAtPercent: "50", onBreach: "notify", hours: "always" });

beforeAll(async () => {
  const { db, seed } = harness.database;
  // First match wins, by position: urgent conversations of any team, then per team.
  await db.slaPolicy.createMany({
    data: [
      { workspaceId: seed.workspaceId, name: "Urgent", position: 0, teams: [], priorities: ["urgent"], channels: [], config: policy("2") },
      { workspaceId: seed.workspaceId, name: "Billing", position: 1, teams: ["Billing"], priorities: [], channels: [], config: policy("60") },
      { workspaceId: seed.workspaceId, name: "Support", position: 2, teams: ["Support"], priorities: [], channels: [], config: policy("10") },
    ],
  });
});

async function handedOff() {
  const { id, handle, say } = await harness.run(flow);
  expect((await say("Refund please")).status).toBe("handoff");
  const handedOffAt = (await harness.database.db.conversation.findUniqueOrThrow({ where: { id } })).handedOffAt!.getTime();
  return { id, handle, handedOffAt };
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
  harness.database.db.notification.findMany({ where: { conversationId, clock: { not: null } }, orderBy: { createdAt: "asc" } });

describe("workspace SLA policies re-targeted on transfer and priority change (time-skipping server)", () => {
  it("a transfer to Billing swaps Support's 10 min first response for Billing's 60 min, counted from the handoff", async () => {
    const { id, handle, handedOffAt } = await handedOff();
    expect((await handle.query(stateQuery)).sla?.firstResponse.targetMs).toBe(10 * MIN);
    await harness.env.sleep(6 * MIN);
    const warned = await until(() => notifications(id), (rows) => rows.length >= 1);
    expect(warned.map((row) => row.level)).toEqual(["warning"]);

    await handle.signal(assignSignal, { agentId: null, team: "Billing", note: "Transferred to Billing" });
    const retargeted = await until(() => handle.query(stateQuery), (state) => state.sla?.firstResponse.targetMs === 60 * MIN);
    // Six minutes already count; the fired warning is re-armed at Billing's mark (30 min).
    expect(retargeted.sla!.firstResponse).toMatchObject({ phase: "running", warned: false, breached: false });
    expect(retargeted.sla!.firstResponse.elapsedMs).toBeGreaterThanOrEqual(6 * MIN);

    // Support's target (10 min) passes quietly.
    await harness.env.sleep(10 * MIN);
    expect((await notifications(id)).map((row) => row.level)).toEqual(["warning"]);

    await harness.env.sleep(46 * MIN); // 62 min after the handoff
    const rows = await until(() => notifications(id), (r) => r.some((row) => row.level === "breach"));
    expect(rows.map((row) => row.level)).toEqual(["warning", "warning", "breach"]);
    const breach = rows.at(-1)!;
    expect(Math.abs(breach.createdAt.getTime() - (handedOffAt + 60 * MIN))).toBeLessThan(1000);
    const notes = await harness.database.db.message.findMany({ where: { conversationId: id, author: "system" }, orderBy: { seq: "asc" } });
    expect(notes.map((note) => note.text)).toContain("SLA policy for Billing (normal priority) applied, counted from the handoff");
  });

  it("raising the priority to urgent applies the 2 min policy: 3 min after the handoff it is breached at once", async () => {
    const { id, handle, handedOffAt } = await handedOff();
    await harness.env.sleep(3 * MIN);
    expect(await notifications(id)).toEqual([]);
    await handle.signal(setPrioritySignal, { priority: "urgent" });
    const rows = await until(() => notifications(id), (r) => r.some((row) => row.level === "breach"));
    expect(rows.map((row) => row.level)).toEqual(["warning", "breach"]);
    // Not Support's 10 min: within moments of the change, measured from the handoff.
    expect(rows.at(-1)!.createdAt.getTime() - handedOffAt).toBeLessThan(4 * MIN);
    expect((await handle.query(stateQuery)).sla?.firstResponse).toMatchObject({ targetMs: 2 * MIN, breached: true });
  });

  it("a transfer to a team no policy covers stops the clocks", async () => {
    const { id, handle } = await handedOff();
    await handle.signal(assignSignal, { agentId: null, team: "Sales" });
    await until(() => handle.query(stateQuery), (state) => state.sla === null);
    await harness.env.sleep(30 * MIN);
    expect(await notifications(id)).toEqual([]);
  });
});
