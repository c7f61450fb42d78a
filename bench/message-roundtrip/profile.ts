// bench/message-roundtrip/profile.ts: where a steady-state message turn spends its CPU. Runs the
// round trip of run.ts (N conversations × M messages) after a warm-up and prints CPU per message
// by thread kind (API/SDK main thread, workflow threads, Temporal's Rust core, GC) and the app
// database statements per turn; with --cpu-prof DIR it also writes a V8 CPU profile of the main
// thread for the measured part only (open it in Chrome DevTools or speedscope).
//
//   tsx bench/message-roundtrip/profile.ts [--conversations N] [--messages M] [--cpu-prof DIR]
import fs from "node:fs";
import path from "node:path";
import { Session } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { Worker } from "@temporalio/worker";
import { inParallel, ms } from "../lib/stats";
import { startBenchStack } from "../lib/stack";
import { cpuMeter, threadCpuMeter } from "../lib/cpu";
import { echoFlow } from "../../test/support/echo-flow";
import { countStatements } from "./statement-counter";
import { echoUpdate } from "../flows/echo-workflow";

const { values } = parseArgs({
  options: {
    conversations: { type: "string", default: "8" },
    messages: { type: "string", default: "15" },
    "cpu-prof": { type: "string" },
    /** Profile the bare Temporal echo Update of run.ts instead (the baseline's own breakdown). */
    echo: { type: "boolean", default: false },
  },
});
const N = Number(values.conversations);
const M = Number(values.messages);

const stack = await startBenchStack();
const { api } = stack;
const flowId = await stack.publish("Echo (profile)", echoFlow);
const require = createRequire(import.meta.url);
const echoWorker = await Worker.create({
  connection: stack.env.nativeConnection,
  taskQueue: "bench-echo",
  workflowsPath: require.resolve("../flows/echo-workflow"),
});
const echoRunning = echoWorker.run();

let echoCount = 0;
async function start(): Promise<string> {
  if (values.echo) {
    const workflowId = `echo-${++echoCount}`;
    await stack.env.client.workflow.start("echo", { taskQueue: "bench-echo", workflowId });
    return workflowId;
  }
  return (await api.conversations.start.mutate({ flowId })).conversationId;
}
async function converse(conversationId: string): Promise<void> {
  for (let m = 0; m < M; m++) {
    if (values.echo) {
      const reply = await stack.env.client.workflow.getHandle(conversationId).executeUpdate(echoUpdate, { args: [`message ${m}`] });
      if (reply !== `message ${m}`) throw new Error("unexpected echo");
      continue;
    }
    const turn = await api.conversations.send.mutate({ conversationId, text: `message ${m}` });
    if (turn.replies[0]?.text !== `You said message ${m}`) throw new Error(`unexpected reply ${JSON.stringify(turn)}`);
  }
}

// Warm-up, then the measured conversations are started before measuring: only their messages count.
await inParallel(4, 4, async () => converse(await start()));
const conversations = await inParallel(N, N, () => start());

const session = new Session();
if (values["cpu-prof"]) {
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
}
const threads = threadCpuMeter();
const total = cpuMeter();
const statements = countStatements(stack.db);
await inParallel(N, N, (index) => converse(conversations[index]!));
const { nodeMs, serverMs } = total();
const byThread = threads();
const counted = statements();
if (values["cpu-prof"]) {
  const { profile } = await session.post("Profiler.stop");
  fs.mkdirSync(values["cpu-prof"], { recursive: true });
  const file = path.join(values["cpu-prof"], `send-${Date.now()}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  console.log(`main-thread profile: ${file}`);
}

const messages = N * M;
const perMessage = (value: number) => ms(value / messages);
console.log(`\nCPU per message (${N} conversations × ${M} messages, starts not measured):`);
console.log(`  node process ${perMessage(nodeMs)}, Temporal server ${serverMs === null ? "?" : perMessage(serverMs)}`);
for (const [kind, spent] of [...byThread].sort((a, b) => b[1] - a[1])) console.log(`  ${kind.padEnd(40)} ${perMessage(spent)}`);
console.log(`app database statements per message:`);
for (const [kind, count] of counted) console.log(`  ${kind.padEnd(40)} ${(count / messages).toFixed(2)}`);
echoWorker.shutdown();
await echoRunning;
await stack.stop();
