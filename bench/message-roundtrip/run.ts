// bench/message-roundtrip: N conversations in parallel, each sending M customer messages through
// the HTTP API → tRPC → Temporal Update → flow interpreter → SQLite, compared with a bare Temporal
// echo Update on the same server in the same run.
//
//   ./parley bench  [--conversations N] [--messages M]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { TestWorkflowEnvironment } from "@temporalio/testing";
import { DefaultLogger, Runtime, Worker } from "@temporalio/worker";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@parley/api";
import { createApiServer } from "@parley/api-server";
import { createDb, migrateDatabase, seedDemo } from "@parley/db";
import { createConversationWorker } from "@parley/worker";
import { inParallel, ms, summarize, type LatencySummary } from "../lib/stats";
import { echoFlow } from "./echo-flow";
import { echoUpdate } from "./echo-workflow";
import { benchEnv } from "../lib/env";

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    conversations: { type: "string", default: "20" },
    messages: { type: "string", default: "25" },
  },
});
const N = Number(values.conversations);
const M = Number(values.messages);

Runtime.install({ logger: new DefaultLogger("WARN") });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-bench-"));
// The embedded default: Temporal's dev server persisting to an SQLite file, app data in SQLite.
const env = await TestWorkflowEnvironment.createLocal({
  server: {
    executable: { type: "existing-path", path: benchEnv.TEMPORAL_CLI },
    dbFilename: path.join(dir, "temporal.db"),
    ip: "127.0.0.1",
    log: { format: "pretty", level: "error" },
    // Same SQLite settings as ./parley start.
    extraArgs: ["--sqlite-pragma", "journal_mode=wal", "--sqlite-pragma", "synchronous=normal"],
  },
});
const url = `file:${path.join(dir, "parley.db")}`;
await migrateDatabase(url);
const db = await createDb(url);
const seed = await seedDemo(db);

const taskQueue = "bench-roundtrip";
const parleyWorker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db });
const echoWorker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue: "bench-echo",
  workflowsPath: require.resolve("./echo-workflow"),
});
const workers = Promise.all([parleyWorker.run(), echoWorker.run()]);

const server = createApiServer({ context: { db, temporal: env.client, taskQueue, workspaceId: seed.workspaceId } });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const api = createTRPCClient<AppRouter>({
  links: [httpLink({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc` })],
});

const { id: flowId } = await api.flows.create.mutate({ name: "Echo (bench)" });
await api.flows.saveDraft.mutate({ id: flowId, graph: echoFlow });
await api.flows.publish.mutate({ id: flowId });

interface RunResult {
  latencies: LatencySummary;
  messagesPerSecond: number;
}

async function measure(conversation: (index: number, record: (ms: number) => void) => Promise<void>): Promise<RunResult> {
  const samples: number[] = [];
  const started = performance.now();
  await inParallel(N, N, (index) => conversation(index, (value) => samples.push(value)));
  const seconds = (performance.now() - started) / 1000;
  return { latencies: summarize(samples), messagesPerSecond: samples.length / seconds };
}

async function parleyConversation(_index: number, record: (ms: number) => void) {
  const { conversationId } = await api.conversations.start.mutate({ flowId });
  for (let m = 0; m < M; m++) {
    const t0 = performance.now();
    const turn = await api.conversations.send.mutate({ conversationId, text: `message ${m}` });
    record(performance.now() - t0);
    if (turn.replies[0]?.text !== `You said message ${m}`) throw new Error(`unexpected reply ${JSON.stringify(turn)}`);
  }
}

let echoCount = 0;
async function echoConversation(_index: number, record: (ms: number) => void) {
  const handle = await env.client.workflow.start("echo", { taskQueue: "bench-echo", workflowId: `echo-${++echoCount}-${Date.now()}` });
  for (let m = 0; m < M; m++) {
    const t0 = performance.now();
    const reply = await handle.executeUpdate(echoUpdate, { args: [`message ${m}`] });
    record(performance.now() - t0);
    if (reply !== `message ${m}`) throw new Error("unexpected echo");
  }
  await handle.executeUpdate(echoUpdate, { args: ["bye"] });
}

// Warm both paths (workflow bundles, caches, JIT) before measuring.
await inParallel(4, 4, (i) => parleyConversation(i, () => {}));
await inParallel(4, 4, (i) => echoConversation(i, () => {}));

const baseline = await measure(echoConversation);
const parley = await measure(parleyConversation);

const row = (name: string, r: RunResult) =>
  `${name.padEnd(28)} p50 ${ms(r.latencies.p50).padStart(9)}  p95 ${ms(r.latencies.p95).padStart(9)}  p99 ${ms(r.latencies.p99).padStart(9)}  ${r.messagesPerSecond.toFixed(0).padStart(5)} msg/s`;
console.log(`\nmessage round trip — ${N} conversations × ${M} messages, ${os.cpus().length} cores, Node ${process.versions.node}`);
console.log(row("bare Temporal echo Update", baseline));
console.log(row("Parley (HTTP→Update→DB)", parley));
console.log(
  `ratio (Parley / baseline)     p50 ${(parley.latencies.p50 / baseline.latencies.p50).toFixed(2)}×  p95 ${(parley.latencies.p95 / baseline.latencies.p95).toFixed(2)}×  p99 ${(parley.latencies.p99 / baseline.latencies.p99).toFixed(2)}×  throughput ${(parley.messagesPerSecond / baseline.messagesPerSecond).toFixed(2)}×`,
);
console.log(`goal: p99 ≤ 40 ms, p99 ratio ≤ 1.5\n`);

await new Promise((resolve) => server.close(resolve));
parleyWorker.shutdown();
echoWorker.shutdown();
await workers;
await db.$disconnect();
await env.teardown();
fs.rmSync(dir, { recursive: true, force: true });
