import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { DefaultLogger, Runtime, type Worker } from "@temporalio/worker";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { ApiContext, AppRouter } from "@parley/api";
import { createApiServer } from "@parley/api-server";
import { createDb, migrateDatabase, seedDemo, type Db, type DemoSeed } from "@parley/db";
import type { FlowGraph } from "@parley/flow";
import { createConversationWorker, type ConversationWorkerOptions } from "@parley/worker";
import { benchEnv } from "./env";

export interface BenchStack {
  env: TestWorkflowEnvironment;
  db: Db;
  seed: DemoSeed;
  worker: Worker;
  taskQueue: string;
  api: ReturnType<typeof createTRPCClient<AppRouter>>;
  /** The API's HTTP server (benches attach the voice gateway to it) and its base URL. */
  server: ReturnType<typeof createApiServer>;
  baseUrl: string;
  context: ApiContext;
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
  const seed = await seedDemo(db);
  const taskQueue = "bench-conversations";
  const worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db, tuning });
  const running = worker.run();
  const context = { db, temporal: env.client, taskQueue, workspaceId: seed.workspaceId };
  const server = createApiServer({ context });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const api = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${baseUrl}/trpc` })] });
  return {
    env,
    db,
    seed,
    worker,
    taskQueue,
    api,
    server,
    baseUrl,
    context,
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
