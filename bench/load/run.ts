// bench/load: many conversations at once on the embedded default, as `./parley start` runs it —
// a Temporal dev server on an SQLite file, the worker in a process of its own (so the API and the
// worker write the same SQLite file from two processes), the HTTP API — each conversation started
// at once and then sending its messages one after another, as patient clients: a failed send is
// sent again under the same client message id. Checks the database afterwards: 0 failed starts,
// 0 lost, 0 duplicated. The same load on a bare Temporal echo-Update workflow is the baseline.
//
//   ./parley bench load [--conversations N] [--messages M]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import type { AddressInfo } from "node:net";
import { Client, Connection } from "@temporalio/client";
import { NativeConnection, Worker, DefaultLogger, Runtime } from "@temporalio/worker";
import { createApiServer, LISTEN_BACKLOG } from "@parley/api-server";
import { createDb, migrateDatabase, seedDemo } from "@parley/db";
import { TemporalServerProcess, startWorkerProcess, stopProcess } from "../../test/support/processes";
import { testPayloadKeys } from "../../test/support/payload-keys";
import { echoFlow } from "../../test/support/echo-flow";
import { signIn, testClient, testServices } from "../../test/support/api";
import { TEST_PASSWORD } from "../../test/support/database";
import { echoUpdate } from "../flows/echo-workflow";
import { ms, summarize } from "../lib/stats";

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: { conversations: { type: "string", default: "500" }, messages: { type: "string", default: "20" } },
});
const N = Number(values.conversations);
const M = Number(values.messages);

Runtime.install({ logger: new DefaultLogger("WARN") });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-load-"));
const temporal = await TemporalServerProcess.start(dir);
const url = `file:${path.join(dir, "parley.db")}`;
await migrateDatabase(url);
const db = await createDb(url);
await seedDemo(db, { passwordFor: () => TEST_PASSWORD });
const taskQueue = "load-conversations";
// Parley encrypts its Temporal payloads (the worker process and the API's client share the key);
// the bare echo baseline does not: that cost is part of Parley's figures.
const payloadKeys = testPayloadKeys();
const worker = await startWorkerProcess({ ...payloadKeys.env, DATABASE_URL: url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue });
const connection = await Connection.connect({ address: temporal.address });
const client = new Client({ connection });
const server = createApiServer({ services: testServices({ db, url }, payloadKeys.client(connection), taskQueue) });
// Listens as apps/api/src/main.ts does.
await new Promise<void>((resolve) => server.listen({ port: 0, host: "127.0.0.1", backlog: LISTEN_BACKLOG }, resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// The admin publishes; every customer then sends with its conversation's token, as browsers do.
const api = testClient(baseUrl, { cookie: await signIn(baseUrl) });

const { id: flowId } = await api.flows.create.mutate({ name: "Echo (load)" });
await api.flows.saveDraft.mutate({ id: flowId, graph: echoFlow });
await api.flows.publish.mutate({ id: flowId });

/** An error's message and its causes' (a failed fetch keeps the socket error two causes down). */
function describe(err: unknown): string {
  const parts: string[] = [];
  for (let cause = err; cause instanceof Error && parts.length < 5; cause = cause.cause) {
    parts.push((cause as { code?: string }).code ?? cause.message);
  }
  return parts.length ? parts.join(" ← ") : String(err);
}

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** The tRPC client's error for a 503 (its `data.httpStatus`). */
const unavailable = (err: unknown) => (err as { data?: { httpStatus?: number } } | null)?.data?.httpStatus === 503;

interface Run {
  latencies: number[];
  seconds: number;
  failedStarts: number;
  /** Starts answered 503 (back-pressure: the runtime could not take them in time) and tried again, as a client does after Retry-After. */
  retriedStarts: number;
  retriedSends: number;
}

/** N conversations at once, M messages each; `start` opens one, `send` sends one message of it. */
async function load(
  start: (index: number) => Promise<string>,
  send: (conversation: string, text: string, clientMessageId: string) => Promise<void>,
): Promise<Run & { conversations: (string | null)[] }> {
  const run: Run = { latencies: [], seconds: 0, failedStarts: 0, retriedStarts: 0, retriedSends: 0 };
  const t0 = performance.now();
  const conversations = await Promise.all(
    Array.from({ length: N }, async (_, index) => {
      let conversation: string | null = null;
      for (let attempt = 0; conversation === null; attempt++) {
        try {
          conversation = await start(index);
        } catch (err) {
          // A 503 says "come back later" (its Retry-After is 1 s): the browser's chat does, so does this.
          if (unavailable(err) && attempt < 5) {
            run.retriedStarts++;
            await sleep(1_000 * (attempt + 1));
            continue;
          }
          run.failedStarts++;
          console.error(`start ${index} failed:`, describe(err));
          return null;
        }
      }
      for (let m = 0; m < M; m++) {
        const t = performance.now();
        for (let attempt = 0; ; attempt++) {
          try {
            await send(conversation, `c${index} m${m}`, `c${index}-m${m}`);
            break;
          } catch (err) {
            run.retriedSends++;
            if (attempt >= 20) throw err;
            await sleep(200 * (attempt + 1));
          }
        }
        run.latencies.push(performance.now() - t);
      }
      return conversation;
    }),
  );
  run.seconds = (performance.now() - t0) / 1000;
  return { ...run, conversations };
}

// Baseline: the same load on a bare Temporal workflow that echoes each Update, same server.
const echoWorker = await Worker.create({
  connection: await NativeConnection.connect({ address: temporal.address }),
  taskQueue: "load-echo",
  workflowsPath: require.resolve("../flows/echo-workflow"),
  maxCachedWorkflows: N + 100,
});
const echoRunning = echoWorker.run();
const bare = await load(
  async (index) => {
    const handle = await client.workflow.start("echo", { taskQueue: "load-echo", workflowId: `echo-${index}-${Date.now()}` });
    return handle.workflowId;
  },
  async (workflowId, text, updateId) => {
    const reply = await client.workflow.getHandle(workflowId).executeUpdate(echoUpdate, { args: [text], updateId });
    if (reply !== text) throw new Error("unexpected echo");
  },
);
echoWorker.shutdown();
await echoRunning;

const parley = await load(
  async () => (await api.conversations.start.mutate({ flowId })).conversationId,
  async (conversationId, text, clientMessageId) => {
    const turn = await api.conversations.send.mutate({ conversationId, text, clientMessageId });
    if (turn.replies[0]?.text !== `You said ${text}`) throw new Error(`unexpected reply ${JSON.stringify(turn.replies)}`);
  },
);

// Every acknowledged message in the database, once, in order.
let lost = 0;
let duplicated = 0;
for (const [index, conversationId] of parley.conversations.entries()) {
  if (!conversationId) continue;
  const stored = await db.message.findMany({ where: { conversationId, author: "contact" }, orderBy: { seq: "asc" } });
  const texts = stored.map((message) => message.text);
  const expected = Array.from({ length: M }, (_, m) => `c${index} m${m}`);
  lost += expected.filter((text) => !texts.includes(text)).length;
  duplicated += texts.length - new Set(texts).size;
}

const row = (name: string, run: Run) => {
  const s = summarize(run.latencies);
  return `${name.padEnd(26)} p50 ${ms(s.p50).padStart(9)}  p95 ${ms(s.p95).padStart(9)}  p99 ${ms(s.p99).padStart(10)}  ${(run.latencies.length / run.seconds).toFixed(0).padStart(4)} msg/s  failed starts ${run.failedStarts}  retried starts ${run.retriedStarts}  retried sends ${run.retriedSends}`;
};
const p = summarize(parley.latencies);
const b = summarize(bare.latencies);
console.log(`\nload — ${N} conversations at once × ${M} messages, embedded default (SQLite), ${os.cpus().length} cores`);
console.log(row("bare Temporal echo Update", bare));
console.log(row("Parley (HTTP→Update→DB)", parley));
console.log(
  `ratio (Parley / baseline)  p50 ${(p.p50 / b.p50).toFixed(2)}×  p99 ${(p.p99 / b.p99).toFixed(2)}×  throughput ${(parley.latencies.length / parley.seconds / (bare.latencies.length / bare.seconds)).toFixed(2)}×`,
);
console.log(`Parley: failed starts ${parley.failedStarts}, lost ${lost}, duplicated ${duplicated}\n`);

await new Promise((resolve) => server.close(resolve));
await connection.close();
await stopProcess(worker, "SIGTERM");
await db.$disconnect();
await temporal.stop();
fs.rmSync(dir, { recursive: true, force: true });
if (parley.failedStarts > 0 || lost > 0 || duplicated > 0) process.exit(1);
