// A conversation row whose workflow never started: the real API process (apps/api/src/main.ts) is
// killed with SIGKILL after it wrote the row and while it is still trying to start the workflow.
// Its Temporal address is a socket that accepts and never answers, so the start cannot have
// reached Temporal; the reconciler then finds the row on the real Temporal server and closes it.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WithStartWorkflowOperation } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { OrphanReconciler } from "@parley/activities";
import { createConversationWorker } from "@parley/worker";
import { childEnv, repoRoot } from "../../../test/support/env";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { openingUpdate, type conversation } from "@parley/workflows";
import { TEST_AUTH_SECRET } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { freePort, stopProcess } from "../../../test/support/processes";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue("orphans");
let api: ChildProcess | null = null;
/** Accepts Temporal connections and never answers them. */
const silentTemporal = net.createServer(() => {});

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  running = worker.run();
  await new Promise<void>((resolve) => silentTemporal.listen(0, "127.0.0.1", resolve));
}, 60_000);

afterAll(async () => {
  api?.kill("SIGKILL");
  silentTemporal.close();
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** The API entry point as its own OS process, talking to the silent Temporal; resolves once it listens. */
function startApiProcess(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "apps/api/src/main.ts")], {
    cwd: repoRoot,
    env: childEnv({
      DATABASE_URL: database.url,
      TEMPORAL_ADDRESS: `127.0.0.1:${(silentTemporal.address() as net.AddressInfo).port}`,
      TEMPORAL_TASK_QUEUE: taskQueue,
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      PARLEY_AUTH_SECRET: TEST_AUTH_SECRET,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  api = child;
  let output = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk;
      if (output.includes("api listening")) resolve(child);
    });
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
    child.once("exit", (code) => reject(new Error(`the API exited with ${code} before listening:\n${output}`)));
  });
}

async function startConversation(): Promise<string> {
  const id = randomUUID();
  const { workspaceId, publishedVersionId: flowVersionId } = database.seed;
  const contact = await database.db.contact.create({ data: { workspaceId } });
  await database.db.conversation.create({ data: { id, workflowId: id, workspaceId, contactId: contact.id, flowVersionId } });
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof conversation>("conversation", {
    workflowId: id,
    taskQueue,
    args: [{ conversationId: id, flowVersionId }],
    workflowIdConflictPolicy: "FAIL",
  });
  await env.client.workflow.executeUpdateWithStart(openingUpdate, { startWorkflowOperation });
  return id;
}

async function waitForRow(contactName: string) {
  for (;;) {
    const row = await database.db.conversation.findFirst({ where: { contact: { name: contactName } } });
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("orphan conversation rows", () => {
  it("closes a row whose API died before starting its workflow, and leaves live conversations alone", async () => {
    // A live conversation, row then workflow as the API makes them: it must stay open.
    const live = await startConversation();

    const port = await freePort();
    const child = await startApiProcess(port);
    const request = http.request({ host: "127.0.0.1", port, method: "POST", path: "/trpc/conversations.start", headers: { "content-type": "application/json" } });
    request.on("error", () => {}); // the process dies under it
    request.end(JSON.stringify({ flowId: database.seed.flowId, contact: { name: "Orphaned" } }));
    const orphan = await waitForRow("Orphaned");
    await stopProcess(child, "SIGKILL");
    expect((await database.db.conversation.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe("active");

    // Within the grace period nothing is touched (a start may still be in flight).
    const patient = new OrphanReconciler({ db: database.db, client: env.client });
    expect(await patient.poll()).toEqual([]);

    const reconciler = new OrphanReconciler({ db: database.db, client: env.client, graceMs: 0 });
    expect(await reconciler.poll()).toEqual([orphan.id]);
    expect((await database.db.conversation.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe("closed");
    expect((await database.db.conversation.findUniqueOrThrow({ where: { id: live } })).status).toBe("active");
    // Nothing is left to do on the next pass.
    expect(await reconciler.poll()).toEqual([]);
  }, 90_000);
});
