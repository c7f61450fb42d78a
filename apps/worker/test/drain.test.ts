// SIGTERM on the real worker process (apps/worker/src/main.ts) while an activity is in flight:
// the activity finishes (its HTTP call is answered, not cut and retried), the worker exits 0,
// and the next worker carries the conversation on from the recorded result. (No Parley activity
// observes cancellation yet, so this would also hold with the SDK's shutdownGraceTime of 0; the
// 20 s main.ts sets keeps it true for activities that will, e.g. a fetch given the cancel signal.)
import { randomUUID } from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WithStartWorkflowOperation } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { asJson } from "@parley/db";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { openingUpdate, type conversation } from "@parley/workflows";
import { childEnv, repoRoot } from "../../../test/support/env";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { testPayloadKeys } from "../../../test/support/payload-keys";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
// The worker process encrypts Temporal payloads: this test's client holds the same key.
const payloadKeys = testPayloadKeys();
let orders: Server;
let ordersUrl: string;
const held: ServerResponse[] = [];
let hits = 0;
const taskQueue = uniqueTaskQueue("worker-drain");
const workers: ChildProcess[] = [];

/** start → HTTP request (answered when the test says) → "status {{http_status}}" → end. */
function lookupFlow(url: string): FlowGraph {
  return {
    schemaVersion: FLOW_SCHEMA_VERSION,
    nodes: [
      { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
      { id: "lookup", kind: "http_request", position: { x: 0, y: 100 }, config: { method: "GET", url, timeoutSeconds: 30 } },
      { id: "ok", kind: "message", position: { x: 0, y: 200 }, config: { text: "status {{http_status}}" } },
      { id: "failed", kind: "message", position: { x: 200, y: 200 }, config: { text: "failed {{http_error}}" } },
      { id: "end", kind: "end", position: { x: 0, y: 300 }, config: { status: "resolved" } },
    ],
    edges: [
      { id: "e1", source: "start", sourcePort: "next", target: "lookup" },
      { id: "e2", source: "lookup", sourcePort: "success", target: "ok" },
      { id: "e3", source: "lookup", sourcePort: "error", target: "failed" },
      { id: "e4", source: "ok", sourcePort: "next", target: "end" },
      { id: "e5", source: "failed", sourcePort: "next", target: "end" },
    ],
  };
}

function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/worker/src/main.ts")], {
    cwd: repoRoot,
    env: childEnv({ ...payloadKeys.env, DATABASE_URL: database.url, TEMPORAL_ADDRESS: env.address, TEMPORAL_TASK_QUEUE: taskQueue, PARLEY_HTTP_ALLOWED_HOSTS: "127.0.0.1", PARLEY_HTTP_ALLOWED_NETWORKS: "127.0.0.1" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("worker polling")) resolve(child);
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before polling:\n${output}`)));
  });
}

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  // A partner's order API that answers only when the test releases it.
  orders = createServer((_req, res) => {
    hits++;
    held.push(res);
  });
  await new Promise<void>((resolve) => orders.listen(0, "127.0.0.1", resolve));
  ordersUrl = `http://127.0.0.1:${(orders.address() as AddressInfo).port}/orders/42`;
}, 60_000);

afterAll(async () => {
  for (const worker of workers) worker.kill("SIGKILL");
  orders?.closeAllConnections();
  orders?.close();
  await env?.teardown();
  await database?.close();
});

async function until(condition: () => boolean): Promise<void> {
  for (let attempt = 0; !condition(); attempt++) {
    if (attempt > 600) throw new Error("condition not reached");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("SIGTERM on the worker process", () => {
  it("lets the activity in flight finish, exits 0, and the next worker continues from its result", async () => {
    const flow = await database.db.flow.create({
      data: {
        workspaceId: database.seed.workspaceId,
        name: "Order lookup",
        versions: { create: { version: 1, schemaVersion: FLOW_SCHEMA_VERSION, graph: asJson(lookupFlow(ordersUrl)), published: true } },
      },
      include: { versions: true },
    });
    const flowVersionId = flow.versions[0]!.id;
    const worker = await startWorkerProcess();

    const contact = await database.db.contact.create({ data: { workspaceId: database.seed.workspaceId } });
    const id = randomUUID();
    await database.db.conversation.create({ data: { id, workspaceId: database.seed.workspaceId, contactId: contact.id, flowVersionId, workflowId: id } });
    const opening = payloadKeys.client(env.connection, env.namespace).workflow.executeUpdateWithStart(openingUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof conversation>("conversation", {
        workflowId: id,
        taskQueue,
        args: [{ conversationId: id, flowVersionId }],
        workflowIdConflictPolicy: "FAIL",
      }),
    });

    await until(() => hits === 1);
    const exited = new Promise<number | null>((resolve) => worker.once("exit", (code) => resolve(code)));
    worker.kill("SIGTERM");
    // The worker waits for its activity instead of exiting.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(worker.exitCode).toBeNull();

    held[0]!.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "shipped" }));
    expect(await exited).toBe(0);

    await startWorkerProcess();
    const result = await opening;
    expect(result.replies.map((reply) => reply.text)).toEqual(["status 200"]);
    // The answered call was recorded, not cut and sent again.
    expect(hits).toBe(1);
  }, 120_000);
});
