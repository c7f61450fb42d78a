// bench/conversation-runtime/profile-starts.ts: where the main thread's CPU of a conversation
// start goes. Runs the embedded stack, warms it, then profiles (V8's sampling profiler, the same
// one `node --cpu-prof` uses, started only around the measured starts) N starts at 16 in flight
// and prints the self time per start by area (Prisma's query compiler, the driver, tRPC, the
// Temporal client...) and the top functions. Writes the .cpuprofile for a flame graph viewer.
//
//   npx tsx bench/conversation-runtime/profile-starts.ts [--starts N] [--top K]
import fs from "node:fs";
import { Session, type Profiler } from "node:inspector/promises";
import { parseArgs } from "node:util";
import { inParallel, ms } from "../lib/stats";
import { startBenchStack } from "../lib/stack";

const { values } = parseArgs({ options: { starts: { type: "string", default: "200" }, top: { type: "string", default: "30" } } });
const STARTS = Number(values.starts);

const stack = await startBenchStack();
const start = async () => {
  const result = await stack.api.conversations.start.mutate({ flowId: stack.seed.flowId });
  if (result.replies.length !== 2) throw new Error("unexpected opening");
};
await inParallel(40, 8, start); // warm up: JIT, caches, workflow bundle

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 200 });
await session.post("Profiler.start");
await inParallel(STARTS, 16, start);
const { profile } = await session.post("Profiler.stop");
session.disconnect();
fs.mkdirSync("test-results", { recursive: true });
fs.writeFileSync("test-results/starts.cpuprofile", JSON.stringify(profile));

/** Areas by the script a function comes from: the first pattern that matches names it. */
const AREAS: [RegExp, string][] = [
  [/@prisma\/client\/runtime|generated\/(sqlite|postgres)|^wasm:/, "Prisma client (query compiler, interpreter; its wasm)"],
  [/@prisma\/adapter|@libsql|libsql|\/pg\/|pg-protocol|pg-pool/, "driver adapter and driver"],
  [/@trpc/, "tRPC"],
  [/@temporalio\/client|@grpc|protobufjs|@temporalio\/common|@temporalio\/proto/, "Temporal client (gRPC, payloads)"],
  [/@temporalio\/worker|@temporalio\/core-bridge/, "Temporal worker (activities, SDK)"],
  [/better-auth|jose|@noble/, "auth (session, tokens)"],
  [/zod/, "zod"],
  [/packages\/api\/|apps\/api\//, "Parley API code"],
  [/packages\/activities\//, "Parley activities"],
  [/packages\/|apps\//, "other Parley code"],
  [/node_modules/, "other libraries"],
  [/^node:|^internal\/|^$/, "Node internals, GC, idle"],
];

const selfUs = new Map<number, number>();
const deltas = profile.timeDeltas ?? [];
profile.samples?.forEach((id, index) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[index] ?? 0)));
const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const node of profile.nodes as Profiler.ProfileNode[]) {
  const spent = selfUs.get(node.id) ?? 0;
  if (spent === 0 || node.callFrame.functionName === "(idle)" || node.callFrame.functionName === "(program)") continue;
  const url = node.callFrame.url;
  const area = AREAS.find(([pattern]) => pattern.test(url))?.[1] ?? "other";
  byArea.set(area, (byArea.get(area) ?? 0) + spent);
  const where = `${node.callFrame.functionName || "(anonymous)"} ${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(packages|apps)\//, "$1/")}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(where, (byFunction.get(where) ?? 0) + spent);
}
const perStart = (us: number) => ms(us / 1000 / STARTS);
// The profiler samples wall time: on a busy machine a sample also counts the time the thread
// waited for a core, so compare areas and runs at similar load (printed), not absolute figures.
console.log(`\nload average ${fs.readFileSync("/proc/loadavg", "utf8").trim()}`);
const total = [...byArea.values()].reduce((sum, value) => sum + value, 0);
console.log(`main thread, ${STARTS} starts ×16: ${perStart(total)} busy per start (idle excluded), by area:`);
for (const [area, spent] of [...byArea].sort((a, b) => b[1] - a[1])) console.log(`  ${perStart(spent).padStart(9)}  ${area}`);
console.log(`top functions (self time per start):`);
for (const [where, spent] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`  ${perStart(spent).padStart(9)}  ${where}`);
console.log("profile written to test-results/starts.cpuprofile\n");
await stack.stop();
