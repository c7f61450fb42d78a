// bench/ai-eval: how well, and how fast, @parley/ai's local models do on labelled sets written
// for Parley (data/). A baseline for the stronger models a later issue brings: missed goals are
// printed, never fatal. The process fails only on a real error, e.g. a data file that breaks its
// own rules.
//
//   npx tsx bench/ai-eval/run.ts [--quick] [--verbose] [--encoder model-fp32.onnx] [--encoder-model all-MiniLM-L6-v2]      (npm run ai-eval -w @parley/bench)
//
//  1. intents: accuracy, macro-F1 and fallback rate on held-out utterances (router default threshold);
//  2. knowledge search: recall@1/@3 and MRR by article, "not answerable" precision/recall at the
//     knowledge-answer default minimum score;
//  3. sentiment: accuracy with the package's label cut-off;
//  4. latency p50/p99 of each, and of a search over a synthetic 5,000-article help centre.
import { parseArgs } from "node:util";
import { encoderModelName, evaluateDomains, validateDomains } from "./domains";
import { goals, fx, lat, pct, goal, type RunOptions } from "./report";
import { searchAtScale } from "./search-at-scale";
import { sentiment } from "./sentiment";
import { shopIntents } from "./shop-intents";
import { shopKnowledge } from "./shop-knowledge";
import { validate } from "./validate-sets";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    /** §5's encoder model file, e.g. model-fp32.onnx for the unquantized comparison. */
    encoder: { type: "string" },
    /** §5's encoder (packages/ai encoder-models.ts), e.g. all-MiniLM-L6-v2; default: the best one installed. */
    "encoder-model": { type: "string" },
  },
});
const QUICK = values.quick;
const VERBOSE = values.verbose;
const ROUNDS = QUICK ? { intent: 5, search: 5, sentiment: 10, corpus: 5 } : { intent: 30, search: 20, sentiment: 60, corpus: 20 };
const options: RunOptions = { quick: QUICK, verbose: VERBOSE, rounds: ROUNDS };

const problems = [...validate(), ...validateDomains()];
if (problems.length > 0) {
  console.error(`ai-eval: the evaluation data breaks its rules:\n  - ${problems.join("\n  - ")}`);
  process.exit(1);
}

const t0 = performance.now();
console.log(`\nai-eval — @parley/ai local models, Node ${process.versions.node}${QUICK ? " (quick)" : ""}`);

shopIntents(options);       // 1. intents (shop-intents.ts)
shopKnowledge(options);     // 2. knowledge search (shop-knowledge.ts)
sentiment(options);         // 3. sentiment (sentiment.ts)
await searchAtScale(options); // 4. search over 5,000 articles (search-at-scale.ts)

// ---------------------------------------------------------------------------------------------
// 5. Untuned domains, with the local sentence encoder (bench/ai-eval/domains.ts)
// ---------------------------------------------------------------------------------------------
await evaluateDomains({ goal, pct, fx, lat, rounds: ROUNDS.search, verbose: VERBOSE, ...(values.encoder ? { modelFile: values.encoder } : {}),
  ...(values["encoder-model"] ? { model: encoderModelName(values["encoder-model"]) } : {}) });

// ---------------------------------------------------------------------------------------------
console.log(`\ngoals (from the issue; a baseline, so a missed goal does not fail the run):`);
for (const { name, figure, met } of goals) console.log(`   ${met ? "✔ goal met    " : "✘ goal not met"}  ${name.padEnd(40)} ${figure}`);
console.log(`\ndone in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
