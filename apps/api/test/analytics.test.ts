// The analytics dashboards over conversations that really ran: the API starts them, the Temporal
// worker runs the flows and its activities write the events, an agent works one in the inbox, the
// customer rates it. The figures are asserted exactly.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { signIn, testClient, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let api: ReturnType<typeof testClient>;
let asAgent: ReturnType<typeof testClient>;
let analyst: ReturnType<typeof testClient>;

/** ask → hand off to Billing → (resolved) rate 1-5, with a comment → end resolved. */
const handoffFlow: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "topic", kind: "ask", position: { x: 0, y: 150 }, config: { question: "What do you need?", variable: "topic" } },
    { id: "human", kind: "handoff", position: { x: 0, y: 300 }, config: { team: "Billing", summary: "About {{topic}}" } },
    { id: "rate", kind: "csat", position: { x: 0, y: 450 }, config: { comment: "Anything you would like to add?" } },
    { id: "end", kind: "end", position: { x: 0, y: 600 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "topic" },
    { id: "e2", source: "topic", sourcePort: "answered", target: "human" },
    { id: "e3", source: "human", sourcePort: "resolved", target: "rate" },
    { id: "e4", source: "human", sourcePort: "returned", target: "topic" },
    { id: "e5", source: "rate", sourcePort: "next", target: "end" },
  ],
};

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("condition not reached");
}

let handoffFlowId: string;
let contained: string;
let handedOff: string;
let from: string;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("analytics-test");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  server = createApiServer({ services: testServices(database, env.client, taskQueue) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = testClient(baseUrl, { cookie: await signIn(baseUrl) });
  asAgent = testClient(baseUrl, { cookie: await signIn(baseUrl, "agent@parley.dev") });
  analyst = testClient(baseUrl, { cookie: await signIn(baseUrl, "analyst@parley.dev") });
  from = new Date(Date.now() - 60_000).toISOString();

  ({ id: handoffFlowId } = await api.flows.create.mutate({ name: "Billing handoff" }));
  await api.flows.saveDraft.mutate({ id: handoffFlowId, graph: handoffFlow });
  await api.flows.publish.mutate({ id: handoffFlowId });
  const billing = (await api.teams.names.query()).find((team) => team.name === "Billing")!;
  await api.teams.addMember.mutate({ teamId: billing.id, userId: database.seed.agentId });

  // Bot-contained: the demo flow answers and resolves on its own.
  contained = (await api.conversations.start.mutate({ flowId: database.seed.flowId })).conversationId;
  await api.conversations.send.mutate({ conversationId: contained, text: "Grace" });
  expect((await api.conversations.send.mutate({ conversationId: contained, text: "Refund please" })).status).toBe("resolved");

  // Handed off, assigned, answered, resolved by the agent, then rated 4 of 5 by the customer, with a comment.
  handedOff = (await api.conversations.start.mutate({ flowId: handoffFlowId })).conversationId;
  expect((await api.conversations.send.mutate({ conversationId: handedOff, text: "My invoice" })).status).toBe("handoff");
  await asAgent.conversations.assign.mutate({ conversationId: handedOff, agentId: database.seed.agentId });
  await asAgent.conversations.reply.mutate({ conversationId: handedOff, text: "Looking into it" });
  await asAgent.conversations.reply.mutate({ conversationId: handedOff, text: "Fixed" });
  await asAgent.conversations.resolve.mutate({ conversationId: handedOff });
  await until(() => api.conversations.get.query({ id: handedOff }), (c) => c.messages.some((m) => m.text === "How would you rate this conversation?"));
  await api.conversations.send.mutate({ conversationId: handedOff, text: "4" });
  await until(() => api.conversations.get.query({ id: handedOff }), (c) => c.messages.some((m) => m.text === "Anything you would like to add?"));
  await api.conversations.send.mutate({ conversationId: handedOff, text: "Quick and friendly, thanks!" });
  await until(() => api.conversations.get.query({ id: handedOff }), (c) => c.status === "resolved" && c.csat?.score === 4);
  // A simulator's test conversation of the same flow is never counted.
  const test = await api.simulator.start.mutate({ flowId: handoffFlowId });
  await api.conversations.send.mutate({ conversationId: test.conversationId, text: "just testing" });
  expect(await database.db.message.count({ where: { conversationId: test.conversationId } })).toBeGreaterThan(0);
}, 180_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

const range = () => ({ from, to: new Date(Date.now() + 60_000).toISOString() });

/** Presence time grows with the range (offline for days), and it never comes from the rollup. */
function withoutPresence(board: object): object {
  return JSON.parse(JSON.stringify(board, (key, value: unknown) => (["onlineSeconds", "awaySeconds", "offlineSeconds", "occupancy"].includes(key) ? undefined : value))) as object;
}

describe("analytics dashboards over real conversations", () => {
  it("counts volume, containment, handoff and resolution, against an empty previous period", async () => {
    const board = await analyst.analytics.conversations.query(range());
    expect(board.figures).toMatchObject({
      conversations: { value: 2, previous: 0 },
      handoffRate: { value: 0.5, previous: null },
      containmentRate: { value: 0.5, previous: null },
      resolutionRate: { value: 1, previous: null },
    });
    expect(board.figures.resolutionSeconds.value).toBeGreaterThanOrEqual(0);
    // Both ended, so both were scored: the figure is the mean of their scores.
    const scores = (await database.db.conversation.findMany({ where: { id: { in: [contained, handedOff] } }, select: { qualityScore: true } })).map((row) => row.qualityScore);
    expect(scores).not.toContain(null);
    expect(board.figures.quality.value).toBeCloseTo((scores[0]! + scores[1]!) / 2);
    expect(board.byChannel).toEqual([{ channel: "web", conversations: 2 }]);
    expect(board.byFlow.map((row) => [row.name, row.conversations]).sort()).toEqual([
      ["Billing handoff", 1],
      ["Support intake", 1],
    ]);
  });

  it("filters by flow and team, and drills down to the conversations behind a figure", async () => {
    const byTeam = await api.analytics.conversations.query({ ...range(), filters: { team: "Billing" } });
    expect(byTeam.figures.conversations.value).toBe(1);
    const byFlow = await api.analytics.conversations.query({ ...range(), filters: { flowId: database.seed.flowId } });
    expect(byFlow.figures).toMatchObject({ conversations: { value: 1 }, handoffRate: { value: 0 } });
    const behind = await api.analytics.drillDown.query({ range: range(), figure: "handedOff" });
    expect(behind.map((row) => row.id)).toEqual([handedOff]);
    const all = await api.analytics.drillDown.query({ range: range(), figure: "conversations" });
    expect(all.map((row) => row.id).sort()).toEqual([contained, handedOff].sort());
    const poor = await database.db.conversation.findMany({ where: { id: { in: [contained, handedOff] }, qualityScore: { lt: 50 } }, select: { id: true } });
    const worst = await api.analytics.drillDown.query({ range: range(), figure: "poorQuality" });
    expect(worst.map((row) => row.id).sort()).toEqual(poor.map((row) => row.id).sort());
  });

  it("measures the team: one handoff, its first response, SLA met, per agent and team", async () => {
    const board = await api.analytics.team.query(range());
    expect(board.figures).toMatchObject({ handedOff: { value: 1, previous: 0 }, slaMetRate: { value: 1 } });
    expect(board.figures.firstResponseSeconds.value).toBeGreaterThanOrEqual(0);
    expect(board.agents).toEqual([
      expect.objectContaining({ agentId: database.seed.agentId, conversations: 1, breached: 0, csat: 0.8, ratings: 1 }),
    ]);
    expect(board.teams).toEqual([expect.objectContaining({ team: "Billing", conversations: 1, csat: 0.8, ratings: 1 })]);
    // The handed-off conversation's quality, resolved and rated 4/5, with its reasons in the inbox.
    const { quality } = await api.conversations.get.query({ id: handedOff });
    expect(quality?.factors).toEqual(expect.arrayContaining([expect.objectContaining({ name: "csat", impact: 10, detail: "CSAT 4/5" })]));
    expect(board.agents[0]!.quality).toBe(quality!.score);
    // Without an OpenAI key there is no written assessment: the score stands alone.
    expect(quality!.assessment).toBeNull();
  });

  it("shows the rating in the satisfaction dashboard", async () => {
    const board = await api.analytics.satisfaction.query(range());
    expect(board.figures).toMatchObject({ ratings: { value: 1, previous: 0 }, averageShare: { value: 0.8 }, satisfiedRate: { value: 1 } });
    expect(board.distribution).toEqual([{ score: 4, scale: 5, count: 1 }]);
    expect(board.byTeam).toEqual([{ team: "Billing", ratings: 1, share: 0.8 }]);
  });

  it("lists what the customer wrote with their rating, filtered by rating band, words and the dashboard's filters", async () => {
    const all = await analyst.analytics.satisfactionComments.query({ range: range() });
    expect(all).toEqual({
      total: 1,
      comments: [
        {
          conversationId: handedOff,
          at: expect.any(String),
          score: 4,
          scale: 5,
          comment: "Quick and friendly, thanks!",
          agent: expect.any(String),
          flow: "Billing handoff",
        },
      ],
    });
    const found = async (comments: { rating?: "all" | "dissatisfied" | "neutral" | "satisfied"; search?: string }, filters = {}) =>
      (await analyst.analytics.satisfactionComments.query({ range: { ...range(), filters }, comments: { rating: "all", ...comments } })).comments.length;
    expect(await found({ rating: "satisfied" })).toBe(1);
    expect(await found({ rating: "dissatisfied" })).toBe(0);
    expect(await found({ rating: "neutral" })).toBe(0);
    expect(await found({ search: "FRIENDLY" })).toBe(1);
    expect(await found({ search: "slow" })).toBe(0);
    // LIKE's wildcards are taken literally.
    expect(await found({ search: "%" })).toBe(0);
    expect(await found({}, { flowId: database.seed.flowId })).toBe(0);
    expect(await found({}, { team: "Billing" })).toBe(1);
    await expect(asAgent.analytics.satisfactionComments.query({ range: range() })).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });

  it("has no calls in the voice dashboard when nobody called", async () => {
    const board = await api.analytics.voice.query(range());
    expect(board.figures.calls).toEqual({ value: 0, previous: 0 });
    expect(board.snrBuckets).toEqual([]);
  });

  it("reads whole days from the daily rollup with the same figures as the events", async () => {
    // Today is a whole day of this week-long range: its figures come from AnalyticsDaily (kept by
    // the event insert trigger), the partial first and last days from the events.
    const day = 86_400_000;
    const week = { from: new Date(Date.now() - 3 * day).toISOString(), to: new Date(Date.now() + 3 * day).toISOString() };
    expect(await database.db.analyticsDaily.count({ where: { workspaceId: database.seed.workspaceId } })).toBeGreaterThan(0);
    for (const board of ["conversations", "team", "satisfaction", "voice"] as const) {
      const [minutes, days] = await Promise.all([api.analytics[board].query(range()), api.analytics[board].query(week)]);
      expect(withoutPresence(days), board).toEqual(withoutPresence(minutes));
    }
  });

  it("refuses agents", async () => {
    await expect(asAgent.analytics.conversations.query(range())).rejects.toMatchObject({ data: { code: "FORBIDDEN" } });
  });
});
