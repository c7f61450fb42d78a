// bench/conversation-runtime/module-cost.ts: what evaluating the workflow bundle costs each new
// conversation, module by module. With the SDK's reusable V8 context the bundle's script runs once
// per worker, but every module that `importWorkflows()` reaches is evaluated again for each new
// workflow (its own module cache), except the modules named in `preloadModules` (shared, frozen).
// This runs the worker's own bundle the same way (a Proxy module cache: shared modules first,
// then the current workflow's) and times each module's factory.
//
//   npx tsx bench/conversation-runtime/module-cost.ts [--rounds N] [--top K]
import path from "node:path";
import vm from "node:vm";
import { createRequire } from "node:module";
import { parseArgs } from "node:util";
import { loadWorkflowBundle } from "../../apps/worker/src/workflow-bundle";
const ms = (value: number) => `${value.toFixed(2)} ms`;

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { rounds: { type: "string", default: "50" }, top: { type: "string", default: "25" } } });
const ROUNDS = Number(values.rounds);

const { code } = await loadWorkflowBundle(require.resolve("@parley/workflows/workflows"), path.join(process.cwd(), "data", "cache"));
const moduleIds = new Set([...code.matchAll(/^\/\*\*\*\/ "([^"]+)"/gm)].map((match) => match[1]!));
const call = "__webpack_modules__[moduleId].call(module.exports, module, module.exports, __webpack_require__);";
if (!code.includes(call)) throw new Error("the bundle's webpack runtime changed: cannot time its modules");
// Inclusive time per module factory; the self time is the inclusive time minus its children's.
const timed = code.replace(call, `globalThis.__enter(moduleId); try { ${call} } finally { globalThis.__leave(moduleId); }`);

const self = new Map<string, number>();
const stack: { id: string; started: number; children: number }[] = [];
let counting = false;
const shared = new Map<string, unknown>();
let perWorkflow: Map<string, unknown> | null = null;
const context = vm.createContext({});
// The SDK's globals (console, the WeakRef guard, …): the bundle's entry expects them.
(require("@temporalio/worker/lib/workflow/vm-shared") as { injectGlobals(context: vm.Context): void }).injectGlobals(context);
Object.assign(context, {
  __enter: (id: string) => stack.push({ id, started: performance.now(), children: 0 }),
  __leave: () => {
    const frame = stack.pop()!;
    const total = performance.now() - frame.started;
    if (stack.length > 0) stack[stack.length - 1]!.children += total;
    if (counting) self.set(frame.id, (self.get(frame.id) ?? 0) + total - frame.children);
  },
  __webpack_module_cache__: new Proxy(
    {},
    {
      get: (_, id: string) => shared.get(id) ?? perWorkflow?.get(id),
      set: (_, id: string, value) => ((perWorkflow ?? shared).set(id, value), true),
    },
  ),
});
new vm.Script(timed, { filename: "workflow-bundle.js" }).runInContext(context);
vm.runInContext("__TEMPORAL__.preloadModules?.()", context);
/** What a new workflow does first: import the workflows module into its own module cache. */
const newWorkflow = () => {
  perWorkflow = new Map();
  vm.runInContext("__TEMPORAL__.importWorkflows()", context);
};

for (let round = 0; round < 10; round++) newWorkflow(); // JIT warm-up
counting = true;
// CPU time, not wall time: the figure holds on a machine busy with other work.
const cpu0 = process.cpuUsage();
for (let round = 0; round < ROUNDS; round++) newWorkflow();
const cpu = process.cpuUsage(cpu0);
const perRound = (cpu.user + cpu.system) / 1000 / ROUNDS;

const rows = [...self].map(([id, total]) => ({ id, ms: total / ROUNDS })).sort((a, b) => b.ms - a.ms);
const group = (id: string) => id.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/)?.[1] ?? id.match(/packages\/([^/]+)/)?.[1] ?? id;
const byPackage = new Map<string, number>();
for (const row of rows) byPackage.set(group(row.id), (byPackage.get(group(row.id)) ?? 0) + row.ms);

console.log(`\nworkflow bundle: ${(code.length / 1024).toFixed(0)} KB, ${moduleIds.size} modules, ${shared.size} shared (evaluated once per worker)`);
console.log(`per new workflow: ${rows.length} modules evaluated, ${ms(perRound)} of CPU (mean of ${ROUNDS}, after warm-up; module times below are wall time)\n`);
console.log("by package (self time per new workflow):");
for (const [name, total] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${ms(total).padStart(9)}  ${name}`);
console.log(`\ntop ${values.top} modules:`);
for (const row of rows.slice(0, Number(values.top))) console.log(`  ${ms(row.ms).padStart(9)}  ${row.id}`);
