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
import os from "node:os";
import { parseArgs } from "node:util";
import {
  DEFAULT_MIN_SCORE,
  ExampleOverlapRecognizer,
  FALLBACK_INTENT,
  SENTIMENT_LABEL_CUTOFF,
  isAnswerable,
  rankPassages,
  scoreSentiment,
  splitPassages,
  termOverlapSearch,
  type IntentSpec,
  type KnowledgeArticleInput,
  type ScoredPassage,
} from "@parley/ai";
import { summarize, type LatencySummary } from "../lib/stats";
import { intentSet, outOfScope } from "./data/intents";
import { freshIntentTests } from "./data/intents-fresh";
import { answerableQuestions, articles, unanswerableQuestions } from "./data/knowledge";
import { sentimentSet } from "./data/sentiment";
import { prng, syntheticCorpus } from "./synthetic";
import { TrainedIntentRecognizer, crossValidateIntents, sentimentTrend, trainIntentModel } from "@parley/ai";
import winkNLP from "wink-nlp";
import winkModel from "wink-eng-lite-web-model";
import { ANSWERABLE_MIN_SCORE, KnowledgeIndex, articleChunks, type RankedChunk } from "@parley/ai";
import { PreviousKnowledgeIndex } from "./previous-knowledge-index";
import { encoderModelName, evaluateDomains, validateDomains } from "./domains";

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

/** Defaults Parley ships: intent router threshold (packages/flow/src/kinds/intent-router.ts). */
const INTENT_THRESHOLD = 0.3;
const MAX_EXAMPLES_PER_INTENT = 20;
const CORPUS_SIZE = 5_000;
const EMBEDDING_DIMENSIONS = 1_536;
const ROUNDS = QUICK ? { intent: 5, search: 5, sentiment: 10, corpus: 5 } : { intent: 30, search: 20, sentiment: 60, corpus: 20 };

const goals: { name: string; figure: string; met: boolean }[] = [];
const goal = (name: string, figure: string, met: boolean) => {
  goals.push({ name, figure, met });
  return met ? "goal met" : "goal not met";
};
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const fx = (value: number, digits = 3) => value.toFixed(digits);
const lat = (s: LatencySummary) => `p50 ${fmtMs(s.p50)}  p99 ${fmtMs(s.p99)}  (n=${s.count}, max ${fmtMs(s.max)})`;
function fmtMs(value: number) {
  return value < 1 ? `${(value * 1000).toFixed(0)} µs` : `${value.toFixed(2)} ms`;
}
/** Times `run` once per item, `rounds` times over `items`, after one untimed warm-up pass. */
function time<T>(items: readonly T[], rounds: number, run: (item: T) => unknown): LatencySummary {
  for (const item of items) run(item);
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const item of items) {
      const started = performance.now();
      run(item);
      samples.push(performance.now() - started);
    }
  }
  return summarize(samples);
}

// ---------------------------------------------------------------------------------------------
// 0. The sets keep their own rules.
// ---------------------------------------------------------------------------------------------
const normal = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
function validate(): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  const allTrain = new Map<string, string>();
  const allTest = new Set<string>();
  for (const intent of intentSet) {
    if (names.has(intent.name)) problems.push(`intent ${intent.name} listed twice`);
    names.add(intent.name);
    if (intent.train.length === 0 || intent.train.length > MAX_EXAMPLES_PER_INTENT)
      problems.push(`intent ${intent.name} has ${intent.train.length} training examples (1..${MAX_EXAMPLES_PER_INTENT})`);
    if (intent.test.length < 8) problems.push(`intent ${intent.name} has only ${intent.test.length} test utterances`);
    for (const example of intent.train) allTrain.set(normal(example), intent.name);
  }
  for (const intent of intentSet) {
    for (const utterance of intent.test) {
      const key = normal(utterance);
      if (allTrain.has(key)) problems.push(`test utterance "${utterance}" (${intent.name}) equals a training example of ${allTrain.get(key)}`);
      if (allTest.has(key)) problems.push(`test utterance "${utterance}" is listed twice`);
      allTest.add(key);
    }
  }
  for (const text of outOfScope) if (allTrain.has(normal(text))) problems.push(`out-of-scope "${text}" is a training example`);
  for (const [name, texts] of Object.entries(freshIntentTests)) {
    if (!names.has(name)) problems.push(`fresh set names unknown intent ${name}`);
    for (const text of texts) {
      if (allTrain.has(normal(text)) || allTest.has(normal(text))) problems.push(`fresh utterance "${text}" is already a training or test utterance`);
    }
  }

  const ids = new Set<string>();
  for (const article of articles) {
    if (ids.has(article.id)) problems.push(`article id ${article.id} used twice`);
    ids.add(article.id);
    if (!/^#{1,6}\s+\S/m.test(article.body)) problems.push(`article ${article.id} has no Markdown heading`);
    if (!article.title.trim() || !article.body.trim()) problems.push(`article ${article.id} has an empty title or body`);
  }
  if (articles.length < 25) problems.push(`only ${articles.length} articles (at least 25)`);
  if (answerableQuestions.length < 50) problems.push(`only ${answerableQuestions.length} labelled questions (at least 50)`);
  const questions = new Set<string>();
  for (const { question, expected } of answerableQuestions) {
    if (!ids.has(expected)) problems.push(`question "${question}" expects unknown article ${expected}`);
    if (questions.has(normal(question))) problems.push(`question "${question}" listed twice`);
    questions.add(normal(question));
  }
  for (const question of unanswerableQuestions) {
    if (questions.has(normal(question))) problems.push(`unanswerable "${question}" is also labelled answerable (or listed twice)`);
    questions.add(normal(question));
  }

  if (sentimentSet.length < 80) problems.push(`only ${sentimentSet.length} sentiment messages (at least 80)`);
  const messages = new Set<string>();
  for (const { text, label } of sentimentSet) {
    if (!["positive", "neutral", "negative"].includes(label)) problems.push(`sentiment "${text}" has label ${label}`);
    if (messages.has(normal(text))) problems.push(`sentiment "${text}" listed twice`);
    messages.add(normal(text));
  }
  return problems;
}

const problems = [...validate(), ...validateDomains()];
if (problems.length > 0) {
  console.error(`ai-eval: the evaluation data breaks its rules:\n  - ${problems.join("\n  - ")}`);
  process.exit(1);
}

const t0 = performance.now();
console.log(`\nai-eval — @parley/ai local models, Node ${process.versions.node}${QUICK ? " (quick)" : ""}`);

// ---------------------------------------------------------------------------------------------
// 1. Intents
// ---------------------------------------------------------------------------------------------
{
  const recognizer = new TrainedIntentRecognizer();
  const specs: IntentSpec[] = intentSet.map(({ name, train }) => ({ name, examples: train }));
  const cases = intentSet.flatMap(({ name, test }) => test.map((text) => ({ text, expected: name })));
  const results = cases.map((c) => ({ ...c, result: recognizer.recognizeSync(c.text, specs, { threshold: INTENT_THRESHOLD }) }));

  const correct = results.filter((r) => r.result.intent === r.expected).length;
  const top1 = results.filter((r) => r.result.ranking[0]?.intent === r.expected && r.result.confidence > 0).length;
  const fallbacks = results.filter((r) => r.result.intent === FALLBACK_INTENT).length;
  // Macro-F1 over the intents; a fallback is a miss for the true intent, not a false positive.
  const f1s = intentSet.map(({ name }) => {
    const tp = results.filter((r) => r.expected === name && r.result.intent === name).length;
    const fp = results.filter((r) => r.expected !== name && r.result.intent === name).length;
    const fn = results.filter((r) => r.expected === name && r.result.intent !== name).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    return { name, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
  });
  const macroF1 = f1s.reduce((sum, { f1 }) => sum + f1, 0) / f1s.length;
  const oos = outOfScope.map((text) => recognizer.recognizeSync(text, specs, { threshold: INTENT_THRESHOLD }));
  const oosFallbacks = oos.filter((r) => r.intent === FALLBACK_INTENT).length;
  const maxExamples = Math.max(...intentSet.map((i) => i.train.length));
  const accuracy = correct / cases.length;
  const baseline = new ExampleOverlapRecognizer();
  const baselineAccuracy = cases.filter((c) => baseline.recognizeSync(c.text, specs, { threshold: INTENT_THRESHOLD }).intent === c.expected).length / cases.length;
  // Expected calibration error: the top intent's confidence against how often it is right, in
  // ten equal-width bins, weighted by how many utterances fall in each.
  const ece = (predictions: { confidence: number; right: boolean }[]) => {
    let sum = 0;
    for (let bin = 0; bin < 10; bin++) {
      const inBin = predictions.filter((p) => Math.min(9, Math.floor(p.confidence * 10)) === bin);
      if (inBin.length === 0) continue;
      const meanConfidence = inBin.reduce((s, p) => s + p.confidence, 0) / inBin.length;
      const hitRate = inBin.filter((p) => p.right).length / inBin.length;
      sum += (inBin.length / predictions.length) * Math.abs(meanConfidence - hitRate);
    }
    return sum;
  };
  const heldOutEce = ece(results.map((r) => ({ confidence: r.result.confidence, right: r.result.ranking[0]?.intent === r.expected })));
  const cv = crossValidateIntents(specs);
  const cvEce = ece(cv.predictions.map((p) => ({ confidence: p.ranking[0]!.score, right: p.ranking[0]!.intent === p.expected })));
  const meanConfidence = results.reduce((s, r) => s + r.result.confidence, 0) / results.length;

  console.log(`\n1. intent recognition — TrainedIntentRecognizer (TF-IDF words + char 3–5-grams, softmax, temperature ${fx(recognizer.model(specs).temperature, 2)}), ${intentSet.length} intents, ≤ ${maxExamples} examples each, ${cases.length} held-out utterances, threshold ${INTENT_THRESHOLD}`);
  console.log(`   accuracy        ${pct(accuracy).padEnd(8)} goal ≥ 92% with ≤ 20 examples per intent: ${goal("intent accuracy ≥ 92%", pct(accuracy), accuracy >= 0.92 && maxExamples <= 20)}`);
  console.log(`   macro-F1        ${fx(macroF1)}`);
  console.log(`   fallback rate   ${pct(fallbacks / cases.length)}   (in-scope utterances sent to fallback)`);
  console.log(`   top-1, no threshold ${pct(top1 / cases.length)}`);
  console.log(`   out-of-scope → fallback ${oosFallbacks}/${outOfScope.length}  (their confidences: ${oos.map((r) => fx(r.confidence, 2)).join(", ")})`);
  console.log(`   calibration     ECE ${fx(heldOutEce)} on the held-out set (mean confidence ${pct(meanConfidence)} vs top-1 ${pct(top1 / cases.length)}); ECE ${fx(cvEce)} in 5-fold CV on the examples`);
  console.log(`   5-fold CV on the training examples: accuracy ${pct(cv.accuracy)}  (no test utterance involved)`);
  console.log(`   word-overlap baseline (ExampleOverlapRecognizer) on the same data: accuracy ${pct(baselineAccuracy)}`);
  // The examples were tuned while looking at the misses above; this set was written afterwards
  // and never tuned against, so it is the honest figure (data/intents-fresh.ts).
  const fresh = Object.entries(freshIntentTests).flatMap(([expected, texts]) => texts.map((text) => ({ text, expected })));
  const freshResults = fresh.map((c) => ({ ...c, result: recognizer.recognizeSync(c.text, specs, { threshold: INTENT_THRESHOLD }) }));
  const freshAccuracy = freshResults.filter((r) => r.result.intent === r.expected).length / fresh.length;
  const freshTop1 = freshResults.filter((r) => r.result.ranking[0]?.intent === r.expected).length / fresh.length;
  console.log(`   fresh held-out set (${fresh.length} utterances written after tuning, never tuned on): accuracy ${pct(freshAccuracy)}, top-1 no threshold ${pct(freshTop1)}`);
  if (VERBOSE) {
    for (const r of freshResults.filter((r) => r.result.intent !== r.expected))
      console.log(`     fresh miss: "${r.text}" (${r.expected}) → ${r.result.intent} ${fx(r.result.confidence, 2)}`);
  }
  console.log(`   recall by intent: ${f1s.map(({ name, recall }) => `${name} ${pct(recall)}`).join(", ")}`);
  if (VERBOSE) {
    for (const r of results.filter((r) => r.result.intent !== r.expected))
      console.log(`     miss: "${r.text}" (${r.expected}) → ${r.result.intent} ${fx(r.result.confidence, 2)}${r.result.intent === FALLBACK_INTENT ? ` (best ${r.result.ranking[0]?.intent})` : ""}`);
  }

  const latency = time(cases, ROUNDS.intent, (c) => recognizer.recognizeSync(c.text, specs, { threshold: INTENT_THRESHOLD }));
  console.log(`   latency per classification (model cached): ${lat(latency)}  goal p99 ≤ 1 ms: ${goal("intent p99 ≤ 1 ms", fmtMs(latency.p99), latency.p99 <= 1)}`);
  const trainings = time([specs], QUICK ? 3 : 10, (intents) => trainIntentModel(intents));
  console.log(`   latency per training (${specs.reduce((n, s) => n + s.examples.length, 0)} examples, 5-fold temperature fit + final fit; on publish and on a worker's cache miss): ${lat(trainings)}`);
}

// ---------------------------------------------------------------------------------------------
// 2. Knowledge search
// ---------------------------------------------------------------------------------------------
/** Distinct article ids in rank order. */
const articleRanking = (ids: readonly string[]) => [...new Set(ids)];
function retrievalFigures(rank: (question: string) => string[]) {
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  for (const { question, expected } of answerableQuestions) {
    const position = articleRanking(rank(question)).indexOf(expected);
    if (position === 0) hit1++;
    if (position >= 0 && position < 3) hit3++;
    if (position >= 0) reciprocal += 1 / (position + 1);
    if (position !== 0 && VERBOSE) console.log(`     rank ${position < 0 ? "—" : position + 1}: "${question}" (${expected})`);
  }
  const n = answerableQuestions.length;
  return { recall1: hit1 / n, recall3: hit3 / n, mrr: reciprocal / n };
}
{
  const index = new KnowledgeIndex();
  for (const article of articles) index.upsert({ id: article.id, version: "1", chunks: articleChunks(article) });
  const search = (question: string, limit: number): RankedChunk[] => index.search(question, { limit });
  console.log(`\n2. knowledge search — KnowledgeIndex (BM25+ by FieldedBm25 over title, heading path and chunk text, fused with coverage; no embedder), ${articles.length} articles (${index.size.chunks} chunks), ${answerableQuestions.length} labelled + ${unanswerableQuestions.length} unanswerable questions`);
  const { recall1, recall3, mrr } = retrievalFigures((question) => search(question, 10).map((hit) => hit.chunk.documentId));
  console.log(`   recall@1        ${fx(recall1)}`);
  console.log(`   recall@3        ${fx(recall3)}   goal ≥ 0.9: ${goal("recall@3 ≥ 0.9", fx(recall3), recall3 >= 0.9)}`);
  console.log(`   MRR             ${fx(mrr)}`);
  const passages = articles.flatMap(splitPassages);
  const baseline = retrievalFigures((question) => rankPassages(question, passages, passages.length).map((p: ScoredPassage) => p.articleId));
  console.log(`   (baseline term overlap: recall@1 ${fx(baseline.recall1)}, recall@3 ${fx(baseline.recall3)}, MRR ${fx(baseline.mrr)})`);

  // "Not answerable" as the positive class: the top hit's confidence against a threshold. The
  // sweep shows the trade-off; ANSWERABLE_MIN_SCORE is the threshold with the best Youden's J
  // (unanswerable caught − answerable refused), ties to the lower threshold.
  const best = (question: string) => search(question, 1)[0]?.score ?? 0;
  const answerableScores = answerableQuestions.map(({ question }) => best(question));
  const unanswerableScores = unanswerableQuestions.map(best);
  const atThreshold = (threshold: number) => {
    const caught = unanswerableScores.filter((score) => score < threshold).length;
    const refused = answerableScores.filter((score) => score < threshold).length;
    return { threshold, caught, refused, precision: caught + refused ? caught / (caught + refused) : 0, recall: caught / unanswerableScores.length,
      j: caught / unanswerableScores.length - refused / answerableScores.length };
  };
  const sweep = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6].map(atThreshold);
  const calibrated = sweep.reduce((a, b) => (b.j > a.j + 1e-9 ? b : a));
  if (VERBOSE) for (const r of sweep) console.log(`     threshold ${r.threshold.toFixed(2)}: ${r.caught}/${unanswerableScores.length} unanswerable caught, ${r.refused}/${answerableScores.length} answerable refused (J ${fx(r.j, 2)})`);
  const shipped = atThreshold(ANSWERABLE_MIN_SCORE);
  console.log(`   not answerable at ANSWERABLE_MIN_SCORE ${ANSWERABLE_MIN_SCORE}: precision ${fx(shipped.precision)}, recall ${fx(shipped.recall)}  ` +
    `(${shipped.caught}/${unanswerableScores.length} unanswerable caught, ${shipped.refused}/${answerableScores.length} answerable refused)`);
  console.log(`   best threshold on this set (Youden's J): ${calibrated.threshold}${calibrated.threshold === ANSWERABLE_MIN_SCORE ? " = the shipped default" : ` ≠ the shipped default ${ANSWERABLE_MIN_SCORE}: recalibrate`}`);
  const oldNo = (question: string) => !isAnswerable(rankPassages(question, passages, 1), DEFAULT_MIN_SCORE);
  console.log(`   (baseline term overlap at ${DEFAULT_MIN_SCORE}: ${unanswerableQuestions.filter(oldNo).length}/${unanswerableQuestions.length} caught, ` +
    `${answerableQuestions.filter(({ question }) => oldNo(question)).length}/${answerableQuestions.length} refused)`);

  const queries = [...answerableQuestions.map((q) => q.question), ...unanswerableQuestions];
  const latency = time(queries, ROUNDS.search, (query) => index.search(query, { limit: 3 }));
  console.log(`   latency per search over the ${articles.length}-article KB (index prebuilt): ${lat(latency)}`);
}

// ---------------------------------------------------------------------------------------------
// 3. Sentiment
// ---------------------------------------------------------------------------------------------
{
  const labels = ["negative", "neutral", "positive"] as const;
  const label = (score: number) => (score <= -SENTIMENT_LABEL_CUTOFF ? "negative" : score >= SENTIMENT_LABEL_CUTOFF ? "positive" : "neutral");
  // The maintained library compared with Parley's lexicon: wink-nlp's English model scores -1..1.
  const wink = winkNLP(winkModel);
  const winkScore = (text: string) => wink.readDoc(text).out(wink.its.sentiment) as number;
  const scorers = { lexicon: (text: string) => scoreSentiment(text).score, "wink-nlp": winkScore } as const;
  console.log(`\n3. sentiment — ${sentimentSet.length} messages; label: score ≤ −${SENTIMENT_LABEL_CUTOFF} negative, ≥ +${SENTIMENT_LABEL_CUTOFF} positive, else neutral`);
  for (const [name, score] of Object.entries(scorers)) {
    const results = sentimentSet.map(({ text, label: expected }) => ({ text, expected, got: label(score(text)), score: score(text) }));
    const accuracy = results.filter((r) => r.got === r.expected).length / results.length;
    console.log(`   ${name.padEnd(8)} accuracy ${pct(accuracy)}${name === "lexicon" ? "  (the default: LexiconSentimentAnalyzer)" : ""}`);
    console.log(`            recall by label: ${labels.map((l) => {
      const of = results.filter((r) => r.expected === l);
      return `${l} ${pct(of.filter((r) => r.got === l).length / of.length)} (${of.length})`;
    }).join(", ")}`);
    console.log(`            confusion (rows: labelled, columns: scored ${labels.join("/")}): ${labels.map((l) =>
      `${l} [${labels.map((p) => results.filter((r) => r.expected === l && r.got === p).length).join(" ")}]`).join("  ")}`);
    if (VERBOSE) for (const r of results.filter((r) => r.got !== r.expected)) console.log(`     miss: "${r.text}" (${r.expected}) → ${r.got} ${fx(r.score, 2)}`);
    const latency = time(sentimentSet, ROUNDS.sentiment, ({ text }) => score(text));
    console.log(`            latency per score: ${lat(latency)}`);
  }
  const trend = sentimentTrend(sentimentSet.slice(0, 12).map(({ text }) => scoreSentiment(text).score));
  const trendLatency = time([sentimentSet.map(({ text }) => scoreSentiment(text).score)], ROUNDS.sentiment, (scores) => sentimentTrend(scores));
  console.log(`   conversation trend (EWMA, weight 0.5) over ${sentimentSet.length} scores: ${lat(trendLatency)}; e.g. first 12 messages → ${trend.direction} at ${fx(trend.current, 2)}`);
}

// ---------------------------------------------------------------------------------------------
// 4. Search over a synthetic 5,000-article help centre
// ---------------------------------------------------------------------------------------------
{
  const corpus: KnowledgeArticleInput[] = [...articles, ...syntheticCorpus(articles, CORPUS_SIZE - articles.length, 20240611)];
  const queries = [...answerableQuestions.map((q) => q.question), ...unanswerableQuestions];
  const chunkStarted = performance.now();
  const documents = corpus.map((article) => ({ id: article.id, version: "1", chunks: articleChunks(article) }));
  const chunkingMs = performance.now() - chunkStarted;
  const chunkCount = documents.reduce((sum, d) => sum + d.chunks.length, 0);
  console.log(`\n4. search over ${corpus.length.toLocaleString("en")} articles (${articles.length} real + synthetic variants, seeded; ${chunkCount.toLocaleString("en")} chunks), ${queries.length} queries × ${ROUNDS.corpus} rounds`);

  const buildStarted = performance.now();
  const index = new KnowledgeIndex();
  for (const document of documents) index.upsert(document);
  const buildMs = performance.now() - buildStarted;
  // Both implementations answer the same queries in the same run, one after the other (not
  // interleaved: MiniSearch's garbage would trigger collections inside the new index's calls,
  // which a worker that runs only one of them never sees). Wall-clock p99 on a shared machine
  // mostly measures other processes (other engineers' builds on these 2 cores); CPU time of this
  // process does not.
  const measure = (impl: { search(query: string, options: { limit: number }): unknown }) => {
    for (const query of queries) impl.search(query, { limit: 3 });
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < ROUNDS.corpus; round++) {
      for (const query of queries) {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        impl.search(query, { limit: 3 });
        wall.push(performance.now() - started);
        const used = process.cpuUsage(cpuBefore);
        cpu.push((used.user + used.system) / 1000);
      }
    }
    return { wall, cpu };
  };
  const current = measure(index);
  // The previous index is built only now, so its build's garbage is not collected during the new one's searches.
  const previousStarted = performance.now();
  const previous = new PreviousKnowledgeIndex();
  for (const document of documents) previous.upsert(document);
  const previousBuildMs = performance.now() - previousStarted;
  const before = measure(previous);
  console.log(`   index build from chunks: ${fmtMs(buildMs)} (previous MiniSearch index: ${fmtMs(previousBuildMs)}); chunking the ${corpus.length.toLocaleString("en")} articles: ${fmtMs(chunkingMs)}`);
  const [wall, cpu, previousWall, previousCpu] = [current.wall, current.cpu, before.wall, before.cpu].map(summarize) as [LatencySummary, LatencySummary, LatencySummary, LatencySummary];
  const ratio = (before: number, after: number) => `${(before / after).toFixed(1)}×`;
  console.log(`   latency per search (index prebuilt, as the worker's cache serves it), wall: ${lat(wall)}  goal p99 ≤ 2 ms: ${goal("search over 5,000 articles p99 ≤ 2 ms", fmtMs(wall.p99), wall.p99 <= 2)}`);
  console.log(`                                                             CPU:  ${lat(cpu)}`);
  console.log(`   previous implementation (MiniSearch), same queries, same run: wall ${lat(previousWall)}; CPU ${lat(previousCpu)}`);
  console.log(`   speed-up over the previous: wall p50 ${ratio(previousWall.p50, wall.p50)}, p99 ${ratio(previousWall.p99, wall.p99)}; CPU p50 ${ratio(previousCpu.p50, cpu.p50)}, p99 ${ratio(previousCpu.p99, cpu.p99)}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`);

  // Ranking among near-duplicates: the labelled questions against all 5,000 articles (each real
  // article competes with ~165 synthetic variants of itself, a third of their words replaced).
  const large = retrievalFigures((question) => index.search(question, { limit: 10 }).map((hit) => hit.chunk.documentId));
  const largePrevious = retrievalFigures((question) => previous.search(question, { limit: 10 }).map((hit) => hit.chunk.documentId));
  console.log(`   labelled questions over the 5,000 articles: recall@1 ${fx(large.recall1)}, recall@3 ${fx(large.recall3)}, MRR ${fx(large.mrr)}` +
    `  (previous: ${fx(largePrevious.recall1)}, ${fx(largePrevious.recall3)}, ${fx(largePrevious.mrr)})`);

  // With embeddings (OpenAI's text-embedding-3-small has 1,536 dimensions): the cosine ranking
  // reads every chunk's vector, so it costs the same whatever the words; seeded random vectors.
  const random = prng(7);
  const vector = () => Array.from({ length: EMBEDDING_DIMENSIONS }, () => random() - 0.5);
  const embedded = documents.map((d) => ({ ...d, chunks: d.chunks.map((chunk) => ({ ...chunk, embedding: vector() })) }));
  const queryVectors = new Map(queries.map((query) => [query, vector()]));
  const hybrid = new KnowledgeIndex();
  for (const document of embedded) hybrid.upsert(document);
  // Each query once (10 with --quick, without the previous index: building it costs seconds).
  const hybridQueries = QUICK ? queries.slice(0, 10) : queries;
  const withVector = (impl: KnowledgeIndex | PreviousKnowledgeIndex) =>
    time(hybridQueries, 1, (query) => impl.search(query, { limit: 3, queryVector: queryVectors.get(query)! }));
  const hybridLatency = withVector(hybrid);
  let previousHybrid = "";
  if (!QUICK) {
    const previousIndex = new PreviousKnowledgeIndex();
    for (const document of embedded) previousIndex.upsert(document);
    const previousLatency = withVector(previousIndex);
    previousHybrid = `; previous: ${lat(previousLatency)} (${ratio(previousLatency.p50, hybridLatency.p50)} at p50)`;
  }
  console.log(`   with a ${EMBEDDING_DIMENSIONS}-dimension vector per chunk (BM25 + cosine over all 10,000 chunks), wall: ${lat(hybridLatency)}${previousHybrid}`);

  // Incremental updates: one document changed (re-chunked and re-indexed) or removed.
  const changed = documents.slice(0, 200).map((d, i) => ({ ...d, version: "2", chunks: articleChunks({ ...corpus[i]!, body: `${corpus[i]!.body}\n\nUpdated.` }) }));
  const update = summarize(changed.map((document) => {
    const started = performance.now();
    index.upsert(document);
    return performance.now() - started;
  }));
  const removal = summarize(documents.slice(200, 400).map(({ id }) => {
    const started = performance.now();
    index.remove(id);
    return performance.now() - started;
  }));
  console.log(`   incremental update of one document: ${lat(update)}; removal: ${lat(removal)}`);
  // Any change moves N and the average field lengths, so the first search after it recomputes
  // its terms' cached contributions: each query here follows a change of one document.
  const firstAfterChange = summarize(queries.map((query, i) => {
    index.upsert({ ...changed[i]!, version: "3" });
    const started = performance.now();
    index.search(query, { limit: 3 });
    return performance.now() - started;
  }));
  console.log(`   first search after a document changed (cached term contributions recomputed): ${lat(firstAfterChange)}`);

  const baselineQueries = queries.slice(0, QUICK ? 5 : 20);
  const baselineSamples: number[] = [];
  for (const query of baselineQueries) {
    const started = performance.now();
    await termOverlapSearch.search({ query, articles: corpus, limit: 3 });
    baselineSamples.push(performance.now() - started);
  }
  console.log(`   (baseline termOverlapSearch.search(), re-splitting every article per query: ${lat(summarize(baselineSamples))})`);
}

// ---------------------------------------------------------------------------------------------
// 5. Untuned domains, with the local sentence encoder (bench/ai-eval/domains.ts)
// ---------------------------------------------------------------------------------------------
await evaluateDomains({ goal, pct, fx, lat, rounds: ROUNDS.search, verbose: VERBOSE, ...(values.encoder ? { modelFile: values.encoder } : {}),
  ...(values["encoder-model"] ? { model: encoderModelName(values["encoder-model"]) } : {}) });

// ---------------------------------------------------------------------------------------------
console.log(`\ngoals (from the issue; a baseline, so a missed goal does not fail the run):`);
for (const { name, figure, met } of goals) console.log(`   ${met ? "✔ goal met    " : "✘ goal not met"}  ${name.padEnd(40)} ${figure}`);
console.log(`\ndone in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
