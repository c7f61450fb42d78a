import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { ApiContext } from "@parley/api";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createApiServer, temporalClient } from "@parley/api-server";
import { createConversationWorker } from "@parley/worker";
import { AesGcmPayloadCodec } from "@parley/workflows/codec";
import { startTemporalDevServer, uniqueTaskQueue } from "../../test/support/temporal";
import { createTestDatabase, type TestDatabase } from "../../test/support/database";
import { childEnv, repoRoot } from "../../test/support/env";

export interface Stack {
  database: TestDatabase;
  apiUrl: string;
  builderUrl: string;
  stop(): Promise<void>;
}

export interface StackOptions {
  /**
   * Attaches more to the API's HTTP server before it listens (e.g. the voice gateway, whose
   * WebSockets the builder opens at the API's URL); closed first on stop.
   */
  attach?: (server: Server, context: ApiContext) => { close(): void | Promise<void> };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let attempt = 0; attempt < 240; attempt++) {
    if (child.exitCode !== null) throw new Error(`builder exited (${child.exitCode}):\n${output()}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`builder did not answer at ${url}:\n${output()}`);
}

/**
 * The whole product for one test file: a real Temporal dev server, worker and API in this
 * process, and the production build of the builder app (`next start`) as a child process.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [env, database]: [TestWorkflowEnvironment, TestDatabase] = await Promise.all([
    startTemporalDevServer(),
    createTestDatabase(),
  ]);
  const taskQueue = uniqueTaskQueue("e2e");
  // As in production, conversation data in Temporal is encrypted: the browser tests go through the codec.
  const payloadCodec = new AesGcmPayloadCodec([{ id: "e2e", key: randomBytes(32) }]);
  const worker: Worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db, payloadCodec });
  const running = worker.run();
  const temporal = temporalClient({ connection: env.connection, namespace: env.namespace ?? "default", payloadCodec });
  const context: ApiContext = { db: database.db, temporal, taskQueue, workspaceId: database.seed.workspaceId };
  const api = createApiServer({ context });
  const attached = options.attach?.(api, context);
  await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
  const apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;

  const port = await freePort();
  let output = "";
  const builder = spawn(
    process.execPath,
    [path.join(repoRoot, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    { cwd: path.join(repoRoot, "apps/builder"), env: childEnv({ API_URL: apiUrl }), stdio: ["ignore", "pipe", "pipe"] },
  );
  builder.stdout?.on("data", (chunk) => (output += chunk));
  builder.stderr?.on("data", (chunk) => (output += chunk));
  const builderUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${builderUrl}/flows`, builder, () => output);

  return {
    database,
    apiUrl,
    builderUrl,
    async stop() {
      builder.kill("SIGTERM");
      await attached?.close();
      await new Promise((resolve) => api.close(resolve));
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
    },
  };
}
