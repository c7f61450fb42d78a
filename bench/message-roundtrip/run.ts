// bench/message-roundtrip: N conversations in parallel, each sending M customer messages through
// the HTTP API → tRPC → Temporal Update → flow interpreter → SQLite, compared with a bare Temporal
// echo Update on the same server in the same run.
//
//   ./parley bench  [--conversations N] [--messages M]
import os from "node:os";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { Worker } from "@temporalio/worker";
import { inParallel, ms, summarize, type LatencySummary } from "../lib/stats";
import { startBenchStack } from "../lib/stack";
import { cpuMeter } from "../lib/cpu";
import { echoFlow } from "../../test/support/echo-flow";
import { echoUpdate } from "../flows/echo-workflow";

const require = createRequire(import.meta.url);
const { values } = parseArgs({
  options: {
    conversations: { type: "string", default: "20" },
    messages: { type: "string", default: "25" },
  },
});
const N = Number(values.conversations);
const M = Number(values.messages);

const stack = await startBenchStack();
const { api, env } = stack;
const echoWorker = await Worker.create({
  connection: env.nativeConnection,
  taskQueue: "bench-echo",
  workflowsPath: require.resolve("../flows/echo-workflow"),
});
const echoRunning = echoWorker.run();
const flowId = await stack.publish("Echo (bench)", echoFlow);

interface RunResult {
  latencies: LatencySummary;
  messagesPerSecond: number;
  /** CPU per message: this process (API, worker, client) and the Temporal server. */
  cpu: { nodeMs: number; serverMs: number | null };
}

async function measure(conversation: (index: number, record: (ms: number) => void) => Promise<void>): Promise<RunResult> {
  const samples: number[] = [];
  const started = performance.now();
  const cpu = cpuMeter();
  await inParallel(N, N, (index) => conversation(index, (value) => samples.push(value)));
  const seconds = (performance.now() - started) / 1000;
  const { nodeMs, serverMs } = cpu();
  return {
    latencies: summarize(samples),
    messagesPerSecond: samples.length / seconds,
    cpu: { nodeMs: nodeMs / samples.length, serverMs: serverMs === null ? null : serverMs / samples.length },
  };
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
  `${name.padEnd(28)} p50 ${ms(r.latencies.p50).padStart(9)}  p95 ${ms(r.latencies.p95).padStart(9)}  p99 ${ms(r.latencies.p99).padStart(9)}  ${r.messagesPerSecond.toFixed(0).padStart(5)} msg/s` +
  `  CPU/msg: node ${ms(r.cpu.nodeMs)}, Temporal ${r.cpu.serverMs === null ? "?" : ms(r.cpu.serverMs)}`;
console.log(`\nmessage round trip — ${N} conversations × ${M} messages, ${os.cpus().length} cores, Node ${process.versions.node}`);
console.log(row("bare Temporal echo Update", baseline));
console.log(row("Parley (HTTP→Update→DB)", parley));
console.log(
  `ratio (Parley / baseline)     p50 ${(parley.latencies.p50 / baseline.latencies.p50).toFixed(2)}×  p95 ${(parley.latencies.p95 / baseline.latencies.p95).toFixed(2)}×  p99 ${(parley.latencies.p99 / baseline.latencies.p99).toFixed(2)}×  throughput ${(parley.messagesPerSecond / baseline.messagesPerSecond).toFixed(2)}×`,
);
console.log(`goal (issue 9): p50 and p99 ≤ 1.3× the baseline, throughput ≥ 0.8× the baseline\n`);

echoWorker.shutdown();
await echoRunning;
await stack.stop();
