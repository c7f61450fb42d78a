import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WithStartWorkflowOperation } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { customerMessageUpdate, openingUpdate, type conversation } from "@parley/workflows";
import { childEnv } from "../../../test/support/env";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { testPayloadKeys } from "../../../test/support/payload-keys";
import { repoRoot } from "../../../test/support/env";

const QUESTIONS = 4;
const CONVERSATIONS = 6;

/** start → (ask q_i → message "noted {{a_i}}") × QUESTIONS → end: one reply per answer. */
function questionnaire(): FlowGraph {
  const nodes: FlowGraph["nodes"] = [{ id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} }];
  const edges: FlowGraph["edges"] = [];
  let previous = { id: "start", port: "next" };
  for (let i = 1; i <= QUESTIONS; i++) {
    nodes.push({ id: `q${i}`, kind: "ask", position: { x: 0, y: i * 200 }, config: { question: `Question ${i}?`, variable: `a${i}` } });
    nodes.push({ id: `m${i}`, kind: "message", position: { x: 0, y: i * 200 + 100 }, config: { text: `noted {{a${i}}}` } });
    edges.push({ id: `e${i}a`, source: previous.id, sourcePort: previous.port, target: `q${i}` });
    edges.push({ id: `e${i}b`, source: `q${i}`, sourcePort: "answered", target: `m${i}` });
    previous = { id: `m${i}`, port: "next" };
  }
  nodes.push({ id: "end", kind: "end", position: { x: 0, y: 1200 }, config: { status: "resolved" } });
  edges.push({ id: "e-end", source: previous.id, sourcePort: previous.port, target: "end" });
  return { schemaVersion: FLOW_SCHEMA_VERSION, nodes, edges };
}

let env: TestWorkflowEnvironment;
let database: TestDatabase;
// The worker process encrypts Temporal payloads: this test's client holds the same key.
const payloadKeys = testPayloadKeys();
const taskQueue = uniqueTaskQueue("crash-test");
const workers: ChildProcess[] = [];

/** The real worker entry point (apps/worker/src/main.ts) as its own OS process. */
function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/worker/src/main.ts")], {
    cwd: repoRoot,
    env: childEnv({ ...payloadKeys.env, DATABASE_URL: database.url, TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("worker polling")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before polling:\n${output}`)));
  });
}

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
});

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  await env?.teardown();
  await database?.close();
});

describe("a worker killed mid-conversation", () => {
  it("loses and duplicates nothing: a new worker finishes every conversation", async () => {
    const flow = await database.db.flow.create({
      data: {
        workspaceId: database.seed.workspaceId,
        name: "Questionnaire",
        versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(questionnaire()), published: true } },
      },
      include: { versions: true },
    });
    const flowVersionId = flow.versions[0]!.id;
    const first = await startWorkerProcess();

    const handles = await Promise.all(
      Array.from({ length: CONVERSATIONS }, async () => {
        const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId } });
        const id = randomUUID();
        const row = await database.db.conversation.create({
          data: { id, workspaceId: database.seed.workspaceId, contactId: contact.id, flowVersionId, workflowId: id },
        });
        const start = new WithStartWorkflowOperation<typeof conversation>("conversation", {
          workflowId: row.id,
          taskQueue,
          args: [{ conversationId: row.id, flowVersionId }],
          workflowIdConflictPolicy: "FAIL",
        });
        await payloadKeys.client(env.connection, env.namespace).workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation: start });
        return start.workflowHandle();
      }),
    );

    const answer = (conversationIndex: number, question: number) => `c${conversationIndex} answer ${question}`;
    // The update id makes a resent message idempotent: Temporal applies it once.
    const send = (index: number, question: number) =>
      handles[index]!.executeUpdate(customerMessageUpdate, {
        args: [{ text: answer(index, question) }],
        updateId: `c${index}-q${question}`,
      });

    for (let i = 0; i < CONVERSATIONS; i++) await send(i, 1);

    // Second answers are in flight when the worker dies without a chance to clean up.
    const inFlight = handles.map((_, i) => send(i, 2));
    await new Promise((resolve) => setTimeout(resolve, 30));
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));

    await startWorkerProcess();
    const second = await Promise.all(inFlight);
    for (const turn of second) expect(turn.status).toBe("active");
    // A client that never heard back resends with the same id: applied once, same answer.
    const resent = await send(0, 2);
    expect(resent.replies.map((reply) => reply.text)).toEqual(["noted c0 answer 2", "Question 3?"]);

    for (let question = 3; question <= QUESTIONS; question++) {
      await Promise.all(handles.map((_, i) => send(i, question)));
    }
    const outcomes = await Promise.all(handles.map((handle) => handle.result()));
    expect(outcomes.every((outcome) => outcome.status === "resolved")).toBe(true);

    for (let i = 0; i < CONVERSATIONS; i++) {
      const messages = await database.db.message.findMany({
        where: { conversationId: handles[i]!.workflowId },
        orderBy: { seq: "asc" },
      });
      const expected = [`Question 1?`];
      for (let q = 1; q <= QUESTIONS; q++) {
        expected.push(answer(i, q), `noted ${answer(i, q)}`);
        if (q < QUESTIONS) expected.push(`Question ${q + 1}?`);
      }
      expect(messages.map((message) => message.text)).toEqual(expected);
      expect(messages.map((message) => message.seq)).toEqual(expected.map((_, index) => index + 1));
    }
  });
});
