import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { DefaultLogger, Runtime, type Worker } from "@temporalio/worker";
import type { ApiServices } from "@parley/api";
import { createApiServer } from "@parley/api-server";
import { createDb, migrateDatabase, seedDemo, type Db, type DemoSeed } from "@parley/db";
import type { FlowGraph } from "@parley/flow";
import { createConversationWorker, type ConversationWorkerOptions } from "@parley/worker";
import { benchEnv } from "./env";
import { signIn, testClient, testServices } from "../../test/support/api";
import { TEST_PASSWORD } from "../../test/support/database";

export interface BenchStack {
  env: TestWorkflowEnvironment;
  db: Db;
  seed: DemoSeed;
  worker: Worker;
  taskQueue: string;
  /** Signed in as the demo owner; keeps each conversation's token for the customer's calls. */
  api: ReturnType<typeof testClient>;
  /** The API's HTTP server (benches attach the voice gateway to it) and its base URL. */
  server: ReturnType<typeof createApiServer>;
  baseUrl: string;
  services: ApiServices;
  /** Creates and publishes a flow through the API; returns its id. */
  publish(name: string, graph: FlowGraph): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The embedded default in one process: Temporal's dev server persisting to an SQLite file (same
 * pragmas as ./parley start), the app database in SQLite, a conversation worker and the HTTP API.
 */
export async function startBenchStack(tuning: ConversationWorkerOptions["tuning"] = {}): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger("WARN") });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-bench-"));
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: "existing-path", path: benchEnv.TEMPORAL_CLI },
      dbFilename: path.join(dir, "temporal.db"),
      ip: "127.0.0.1",
      log: { format: "pretty", level: "error" },
      extraArgs: ["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"],
    },
  });
  const url = `file:${path.join(dir, "parley.db")}`;
  await migrateDatabase(url);
  const db = await createDb(url);
  const seed = await seedDemo(db, { passwordFor: () => TEST_PASSWORD });
  const taskQueue = "bench-conversations";
  const worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db, tuning });
  const running = worker.run();
  const services = testServices({ db, url }, env.client, taskQueue);
  const server = createApiServer({ services });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = testClient(baseUrl, { cookie: await signIn(baseUrl) });
  return {
    env,
    db,
    seed,
    worker,
    taskQueue,
    api,
    server,
    baseUrl,
    services,
    async publish(name, graph) {
      const { id } = await api.flows.create.mutate({ name });
      await api.flows.saveDraft.mutate({ id, graph });
      await api.flows.publish.mutate({ id });
      return id;
    },
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await db.$disconnect();
      await env.teardown();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
