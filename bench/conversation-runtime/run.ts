// bench/conversation-runtime: what the durable runtime costs on the embedded default.
//  1. conversation starts per second (API → update-with-start → first replies);
//  2. history per message over one long conversation, across continue-as-new hand-overs, and
//     the history of a conversation on a 500-node flow (the compiled flow is in it);
//  3. worker memory per cached (open, waiting) conversation.
//
//   ./parley bench runtime [--starts N] [--messages M] [--cached C]
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { WithStartWorkflowOperation } from "@temporalio/client";
import { Worker } from "@temporalio/worker";
import { inParallel, ms, summarize } from "../lib/stats";
import { startBenchStack } from "../lib/stack";
import { cpuMeter, threadCpuMeter } from "../lib/cpu";
import { echoFlow } from "../../test/support/echo-flow";
import { generatedFlow } from "../builder/generated-flow";
import { echoUpdate } from "../flows/echo-workflow";

const require = createRequire(import.meta.url);

const { values } = parseArgs({
  options: {
    starts: { type: "string", default: "300" },
    messages: { type: "string", default: "10000" },
    cached: { type: "string", default: "500" },
  },
});
const STARTS = Number(values.starts);
const MESSAGES = Number(values.messages);
const CACHED = Number(values.cached);
const gc = (globalThis as { gc?: () => void }).gc;

const stack = await startBenchStack({ maxCachedWorkflows: CACHED + STARTS + 100 });
const { api, env } = stack;
console.log(`\nconversation runtime — Node ${process.versions.node}`);

// 1. Starts: one at a time (latency) and 16 in flight (throughput), against a bare Temporal
// update-with-start of an echo workflow on the same server as the baseline.
{
  const echoWorker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: "bench-echo",
    workflowsPath: require.resolve("../flows/echo-workflow"),
  });
  const echoRunning = echoWorker.run();
  let echoCount = 0;
  const bareStart = async () => {
    const start = new WithStartWorkflowOperation("echo", {
      workflowId: `echo-start-${++echoCount}`,
      taskQueue: "bench-echo",
      workflowIdConflictPolicy: "FAIL",
    });
    await env.client.workflow.executeUpdateWithStart(echoUpdate, { args: ["hi"], startWorkflowOperation: start });
  };
  const parleyStart = async () => {
    const result = await api.conversations.start.mutate({ flowId: stack.seed.flowId });
    if (result.replies.length !== 2) throw new Error("unexpected opening");
  };
  const measure = async (start: () => Promise<void>, count: number, parallel: number) => {
    const latencies: number[] = [];
    const t0 = performance.now();
    const cpu = cpuMeter();
    const threads = threadCpuMeter();
    await inParallel(count, parallel, async () => {
      const started = performance.now();
      await start();
      latencies.push(performance.now() - started);
    });
    const { nodeMs, serverMs } = cpu();
    const cpuPerStart = `CPU/start node ${ms(nodeMs / count)}, Temporal ${serverMs === null ? "?" : ms(serverMs / count)}`;
    const byThread = [...threads()].filter(([, spent]) => spent > 0).map(([kind, spent]) => `${kind} ${ms(spent / count)}`);
    return { perSecond: count / ((performance.now() - t0) / 1000), cpuPerStart, byThread: byThread.join(", "), ...summarize(latencies) };
  };
  await measure(bareStart, 10, 4); // warm up
  await measure(parleyStart, 10, 4);
  for (const parallel of [1, 16]) {
    const count = parallel === 1 ? Math.min(50, STARTS) : STARTS;
    const bare = await measure(bareStart, count, parallel);
    const parley = await measure(parleyStart, count, parallel);
    console.log(
      `starts ×${String(parallel).padEnd(3)}  bare Temporal ${bare.perSecond.toFixed(0)}/s p50 ${ms(bare.p50)} p99 ${ms(bare.p99)} (${bare.cpuPerStart}) | ` +
        `Parley ${parley.perSecond.toFixed(0)}/s p50 ${ms(parley.p50)} p99 ${ms(parley.p99)} (${parley.cpuPerStart}) | ` +
        `ratio p50 ${(parley.p50 / bare.p50).toFixed(2)}×, throughput ${(parley.perSecond / bare.perSecond).toFixed(2)}×`,
    );
    // Node's CPU per start by thread: which side of the process a change made cheaper.
    console.log(`  node CPU/start by thread: bare ${bare.byThread} | Parley ${parley.byThread}`);
  }
  echoWorker.shutdown();
  await echoRunning;
}

// 2. One long conversation: events and bytes of history per message, across runs.
{
  const flowId = await stack.publish("Echo (bench)", echoFlow);
  const { conversationId } = await api.conversations.start.mutate({ flowId });
  const t0 = performance.now();
  for (let m = 0; m < MESSAGES; m++) {
    await api.conversations.send.mutate({ conversationId, text: `message ${m}` });
  }
  const seconds = (performance.now() - t0) / 1000;
  let runs = 0;
  let events = 0;
  let bytes = 0;
  let largestRun = 0;
  let runId: string | undefined;
  do {
    const handle = env.client.workflow.getHandle(conversationId, runId);
    const history = await handle.fetchHistory();
    const description = await handle.describe();
    runs++;
    events += history.events?.length ?? 0;
    bytes += description.historySize ?? 0;
    largestRun = Math.max(largestRun, history.events?.length ?? 0);
    runId = history.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
  } while (runId);
  const stored = await stack.db.message.count({ where: { conversationId } });
  console.log(
    `history       ${MESSAGES} messages in ${seconds.toFixed(1)} s: ${runs} runs (continue-as-new), largest run ${largestRun} events; ` +
      `${(events / MESSAGES).toFixed(2)} events/message, ${(bytes / MESSAGES / 1024).toFixed(2)} KiB history/message; ` +
      `${stored} messages stored (expected ${1 + MESSAGES * 3})`,
  );
}

// 2b. A large flow: the compiled graph (~100 KB for 500 nodes) is recorded once per run, in the
// start input (or, for a conversation that loads it, the loadFlow marker). The generated flow
// runs straight through to its end, so the history is the start, the steps and the close.
{
  const flowId = await stack.publish("Generated 500 (bench)", generatedFlow(500));
  const { conversationId } = await api.conversations.start.mutate({ flowId });
  const handle = env.client.workflow.getHandle(conversationId);
  await handle.result();
  const history = await handle.fetchHistory();
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0]?.data?.length ?? 0;
  console.log(
    `history 500   a conversation on a 500-node flow: ${(((await handle.describe()).historySize ?? 0) / 1024).toFixed(0)} KiB history, ` +
      `${history.events?.length ?? 0} events, start input ${(started / 1024).toFixed(0)} KiB`,
  );
}

// 3. Memory per cached conversation: open conversations waiting for an answer stay in the
// worker's cache; the heap grows by their state plus the SDK's per-workflow bookkeeping.
{
  gc?.();
  const before = process.memoryUsage();
  await inParallel(CACHED, 16, () => api.conversations.start.mutate({ flowId: stack.seed.flowId }));
  gc?.();
  const after = process.memoryUsage();
  const perHeap = (after.heapUsed - before.heapUsed) / CACHED / 1024;
  const perRss = (after.rss - before.rss) / CACHED / 1024;
  // Workflows run in the SDK's workflow thread (one reused V8 context), whose heap the main
  // thread's heapUsed does not include: RSS is the figure that counts. The SDK's own default
  // cache size budgets ~1.7 MB per cached workflow.
  console.log(
    `memory        ${CACHED} more cached conversations: +${perRss.toFixed(0)} KiB RSS each (main-thread heap +${perHeap.toFixed(1)} KiB)` +
      (gc ? "" : " (run with --expose-gc for steadier figures)"),
  );
}
console.log("");
await stack.stop();
