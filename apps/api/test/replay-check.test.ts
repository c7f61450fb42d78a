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

// The publish dialog's replay check and the saved test cases over HTTP, on a real Temporal dev
// server, worker and database: real conversations of the published version are recorded, then
// their customer inputs are replayed on drafts. An unchanged draft reports every conversation the
// same, a changed message text reports the reply that differs, a rewired condition the step where
// the path parts. A test case recorded from a simulator session passes, then fails after an edit.
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
let server: ReturnType<typeof createApiServer>;
let api: ReturnType<typeof testClient>;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue("replay-check-test");
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  server = createApiServer({ services: testServices(database, env.client, taskQueue) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api = testClient(baseUrl, { cookie: await signIn(baseUrl) });
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** start → ask the plan → "pro"? thank : offer → end; `waitMinutes`: a wait step between ask and check. */
function plansFlow({ thanks = "Thanks, pro customer!", proCheck = 'plan == "pro"', waitMinutes = 0 } = {}): FlowGraph {
  const nodes: Omit<FlowGraph["nodes"][number], "position">[] = [
    { id: "start", kind: "start", config: {} },
    { id: "ask", kind: "ask", config: { question: "Which plan are you on?", variable: "plan" } },
    ...(waitMinutes > 0 ? [{ id: "pause", kind: "wait" as const, config: { mode: "delay", minutes: waitMinutes } }] : []),
    { id: "check", kind: "condition", config: { if: proCheck } },
    { id: "thank", kind: "message", config: { text: thanks } },
    { id: "offer", kind: "message", config: { text: "Have a look at pro." } },
    { id: "end", kind: "end", config: { status: "resolved" } },
  ];
  const edges: [string, string, string][] = [
    ["start", "next", "ask"],
    ...(waitMinutes > 0
      ? ([
          ["ask", "answered", "pause"],
          ["pause", "next", "check"],
        ] satisfies [string, string, string][])
      : ([["ask", "answered", "check"]] satisfies [string, string, string][])),
    ["ask", "invalid", "end"],
    ["ask", "timeout", "end"],
    ["check", "if", "thank"],
    ["check", "else", "offer"],
    ["thank", "next", "end"],
    ["offer", "next", "end"],
  ];
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: nodes.map((node, i) => ({ ...node, position: { x: 0, y: i * 150 } })),
    edges: edges.map(([source, sourcePort, target], i) => ({ id: `e${i}`, source, sourcePort, target })),
  };
}

async function finishedCheck(id: string) {
  for (;;) {
    const check = await api.replayChecks.get.query({ id });
    if (check.status !== "running") return check;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("replay check", () => {
  let flowId: string;
  const recorded: Record<string, string> = {};

  beforeAll(async () => {
    flowId = (await api.flows.create.mutate({ name: "Plans" })).id;
    await api.flows.saveDraft.mutate({ id: flowId, graph: plansFlow() });
    await api.flows.publish.mutate({ id: flowId });
    for (const plan of ["pro", "free"]) {
      const started = await api.conversations.start.mutate({ flowId });
      await api.conversations.send.mutate({ conversationId: started.conversationId, text: plan });
      recorded[plan] = started.conversationId;
    }
    // A conversation still waiting on the customer is replayed too.
    recorded.waiting = (await api.conversations.start.mutate({ flowId })).conversationId;
  });

  it("reports every conversation the same for an unchanged draft and closes its test conversations", async () => {
    const check = await finishedCheck((await api.replayChecks.start.mutate({ flowId })).id);
    expect(check).toMatchObject({ status: "done", total: 3, completed: 3 });
    expect(check.results.map((result) => [result.conversationId, result.comparison?.verdict, result.error])).toEqual(
      expect.arrayContaining([
        [recorded.pro, "same", null],
        [recorded.free, "same", null],
        [recorded.waiting, "same", null],
      ]),
    );
    const tests = await database.db.conversation.findMany({ where: { test: true, flowVersion: { flowId } }, select: { status: true } });
    expect(tests).toHaveLength(3);
    expect(tests.every((test) => test.status === "closed")).toBe(true);
  });

  it("reports the reply that differs after a message text changed", async () => {
    await api.flows.saveDraft.mutate({ id: flowId, graph: plansFlow({ thanks: "Welcome back, pro!" }) });
    const check = await finishedCheck((await api.replayChecks.start.mutate({ flowId, limit: 3 })).id);
    const byId = new Map(check.results.map((result) => [result.conversationId, result.comparison]));
    expect(byId.get(recorded.pro!)).toEqual({ verdict: "reply", path: null, reply: { index: 2, was: "Thanks, pro customer!", now: "Welcome back, pro!" } });
    expect(byId.get(recorded.free!)?.verdict).toBe("same");
    expect(byId.get(recorded.waiting!)?.verdict).toBe("same");
  });

  it("names the step where the path differs after a condition is rewired", async () => {
    await api.flows.saveDraft.mutate({ id: flowId, graph: plansFlow({ proCheck: 'plan == "pro" || plan == "free"' }) });
    const check = await finishedCheck((await api.replayChecks.start.mutate({ flowId })).id);
    const free = check.results.find((result) => result.conversationId === recorded.free);
    expect(free?.comparison).toMatchObject({ verdict: "path", path: { step: 4, was: "offer", now: "thank" } });
    expect(check.results.find((result) => result.conversationId === recorded.pro)?.comparison?.verdict).toBe("same");
  });

  it("skips the draft's wait steps: the replies after a new hour-long wait are the same, only the path shows the wait", async () => {
    await api.flows.saveDraft.mutate({ id: flowId, graph: plansFlow({ waitMinutes: 60 }) });
    const check = await finishedCheck((await api.replayChecks.start.mutate({ flowId })).id);
    const byId = new Map(check.results.map((result) => [result.conversationId, result]));
    // Without skipping, the draft would still sleep at "pause": no thanks, and the path would end there.
    expect(byId.get(recorded.pro!)).toMatchObject({ error: null, comparison: { verdict: "path", path: { step: 3, was: "check", now: "pause" }, reply: null } });
    expect(byId.get(recorded.free!)?.comparison).toMatchObject({ verdict: "path", path: { step: 3, was: "check", now: "pause" }, reply: null });
    expect(byId.get(recorded.waiting!)?.comparison?.verdict).toBe("same");
  });

  it("is cancellable and another workspace's check is not found", async () => {
    const started = await api.replayChecks.start.mutate({ flowId });
    const cancelled = await api.replayChecks.cancel.mutate({ id: started.id });
    expect(cancelled.id).toBe(started.id);
    const settled = await finishedCheck(started.id);
    expect(["cancelled", "done"]).toContain(settled.status);
    await expect(api.replayChecks.get.query({ id: "no-such-check" })).rejects.toThrow(/not found/);
  });
});

describe("saved test cases", () => {
  it("records a simulator session as a case that passes on the draft and fails with the first difference after an edit", async () => {
    const flowId = (await api.flows.create.mutate({ name: "Plans under test" })).id;
    await api.flows.saveDraft.mutate({ id: flowId, graph: plansFlow() });
    const session = await api.simulator.start.mutate({ flowId });
    await api.conversations.send.mutate({ conversationId: session.conversationId, text: "pro" });
    await env.client.workflow.getHandle(session.conversationId).result();
    const recordedCase = await api.testCases.create.mutate({ flowId, name: "Pro customer", conversationId: session.conversationId });
    expect(recordedCase).toMatchObject({
      inputs: ["pro"],
      expectedReplies: ["Which plan are you on?", "Thanks, pro customer!"],
      expectedPath: ["start", "ask", "check", "thank", "end"],
    });
    // Written by hand, as CI would: replies only.
    await api.testCases.create.mutate({ flowId, name: "Free customer", inputs: ["free"], expectedReplies: ["Which plan are you on?", "Have a look at pro."] });
    expect((await api.testCases.list.query({ flowId })).map((testCase) => testCase.name)).toEqual(["Pro customer", "Free customer"]);

    const passing = await api.testCases.runAll.mutate({ flowId });
    expect(passing).toMatchObject({ passed: true, total: 2, failed: 0 });

    await api.flows.saveDraft.mutate({ id: flowId, graph: plansFlow({ proCheck: 'plan == "gold"' }) });
    const failing = await api.testCases.runAll.mutate({ flowId });
    expect(failing).toMatchObject({ passed: false, total: 2, failed: 1 });
    expect(failing.results[0]).toMatchObject({
      name: "Pro customer",
      passed: false,
      difference: { verdict: "path", path: { step: 4, was: "thank", now: "offer" }, reply: { index: 2, was: "Thanks, pro customer!", now: "Have a look at pro." } },
    });
    expect(failing.results[1]).toMatchObject({ name: "Free customer", passed: true });
    const single = await api.testCases.run.mutate({ flowId, id: recordedCase.id });
    expect(single.passed).toBe(false);

    await api.testCases.delete.mutate({ flowId, id: recordedCase.id });
    expect((await api.testCases.list.query({ flowId })).map((testCase) => testCase.name)).toEqual(["Free customer"]);
    await expect(api.testCases.create.mutate({ flowId, name: "Nothing to check", inputs: ["hi"] })).rejects.toThrow(/what to check/);
  });
});
