// Validating and compiling a large flow, as saving, publishing and every test run do: generated
// flows of 1,000 and 10,000 nodes (goal: 10,000 in ≤ 100 ms). The baseline, measured in the same
// run, is JSON.parse of the same graph: the least any handling of it costs. Flows are capped at
// 500 nodes (flowGraphSchema) and compileFlow validates again itself (so the step is validate +
// compile, as the API does it). Past the cap the validator still runs every check and reports the
// cap as its one error, which compileFlow refuses: there the bench times validation alone.
// Prints p50/p99 per round and the ratio to the baseline.
//
//   npx tsx bench/builder/compile.ts [--rounds 20] [--sizes 500,1000,10000]
import { parseArgs } from "node:util";
import { compileFlow, validateFlow } from "@parley/flow";
import { ms, summarize } from "../lib/stats";
import { generatedFlow } from "./generated-flow";

const { values } = parseArgs({ options: { rounds: { type: "string", default: "20" }, sizes: { type: "string", default: "500,1000,10000" } } });
const rounds = Number(values.rounds);
const GOAL_MS = 100;
const NODE_CAP = 500;
const CAP_MESSAGE = /at most (500 nodes|2000 edges)/;

function time(task: () => void): number {
  const start = performance.now();
  task();
  return performance.now() - start;
}

for (const size of values.sizes.split(",").map(Number)) {
  const graph = generatedFlow(size);
  const json = JSON.stringify(graph);
  const overCap = size > NODE_CAP;
  const validateAndCompile = () => {
    const validation = validateFlow(JSON.parse(json));
    const errors = validation.issues.filter((issue) => issue.severity === "error" && !(overCap && CAP_MESSAGE.test(issue.message)));
    if (errors.length > 0) throw new Error(`the generated flow is not valid: ${errors[0]!.message}`);
    if (!overCap) compileFlow(validation.graph!);
  };
  // Warm up the JIT on both, then measure them interleaved so both see the same machine.
  for (let i = 0; i < 3; i++) {
    validateAndCompile();
    JSON.parse(json);
  }
  const measured: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseline.push(time(() => JSON.parse(json)));
    measured.push(time(validateAndCompile));
  }
  const m = summarize(measured);
  const b = summarize(baseline);
  const verdict = size >= 10_000 ? (m.p50 <= GOAL_MS ? `  goal ≤ ${GOAL_MS} ms: met` : `  goal ≤ ${GOAL_MS} ms: MISSED`) : "";
  console.log(
    `${overCap ? "validate (over the cap)" : "validate+compile       "} ${size.toLocaleString("en").padStart(6)} nodes / ${graph.edges.length.toLocaleString("en").padStart(6)} edges  ` +
      `p50 ${ms(m.p50)}  p99 ${ms(m.p99)}  | JSON.parse p50 ${ms(b.p50)}  ratio ${(m.p50 / b.p50).toFixed(1)}×${verdict}`,
  );
}
