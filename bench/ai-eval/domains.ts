// §5 of bench/ai-eval: the domains nothing was tuned on (data/domains), with the local sentence
// encoder and, in the same run, the n-gram/BM25 baseline it replaces as the default.
//
// Per domain: intent accuracy and macro-F1 on the test utterances (fallback counts as wrong),
// recall@1/@3 and MRR over every answerable question (ranking has no fitted parameter), and
// answerability on the *test* half only: the cut is chosen on the calibration halves (the largest
// cosine that refuses at most 5% of their answerable questions, pooled over the domains) and must
// equal the model's shipped answerableSimilarity (packages/ai encoder-models.ts). Latency: one core, encoder cache off (every text is
// encoded), the intent model trained beforehand as in a running router.
import {
  ANSWERABLE_MIN_SCORE,
  DEFAULT_ENCODER_MODEL,
  FALLBACK_INTENT,
  INTENT_ENCODER_MODEL,
  SENTENCE_ENCODER_MODELS,
  KnowledgeIndex,
  LocalSentenceEmbedder,
  SemanticIntentRecognizer,
  TrainedIntentRecognizer,
  articleChunks,
  installedCandidateModels,
  searchHybrid,
  type Embedder,
  type RankedChunk,
  type SentenceEncoderModelName,
} from "@parley/ai";
import { summarize, type LatencySummary } from "../lib/stats";
import { untunedDomains, type Domain } from "./data/domains";
import { intentSet, outOfScope } from "./data/intents";
import { intentFigures, intentLine, type Recognize } from "./domain-intents";

const INTENT_THRESHOLD = 0.3;
const MAX_EXAMPLES = 12;
/** Share of the calibration half's answerable questions the chosen cut may refuse (slack under the 10% goal). */
const CALIBRATION_REFUSAL = 0.05;

export interface DomainReport {
  goal: (name: string, figure: string, met: boolean) => string;
  pct: (value: number) => string;
  fx: (value: number, digits?: number) => string;
  lat: (summary: LatencySummary) => string;
  rounds: number;
  verbose: boolean;
  /** The encoder's model file in .tools/sentence-encoder (model-fp32.onnx: the unquantized comparison). */
  modelFile?: string;
  /** The encoder (default: the best one setup installed). */
  model?: SentenceEncoderModelName;
}

/** A `--encoder-model` argument checked against the registry. */
export function encoderModelName(name: string): SentenceEncoderModelName {
  if (!(name in SENTENCE_ENCODER_MODELS)) throw new Error(`unknown encoder ${name}: one of ${Object.keys(SENTENCE_ENCODER_MODELS).join(", ")}`);
  return name as SentenceEncoderModelName;
}

type Search = (index: KnowledgeIndex, question: string, limit: number) => Promise<RankedChunk[]>;

export function validateDomains(): string[] {
  const problems: string[] = [];
  const normal = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  for (const domain of untunedDomains) {
    const train = new Set(domain.intents.flatMap((intent) => intent.train.map(normal)));
    for (const intent of domain.intents) {
      if (intent.train.length > MAX_EXAMPLES) problems.push(`${domain.name}/${intent.name}: ${intent.train.length} examples (≤ ${MAX_EXAMPLES})`);
      if (intent.test.length < 5) problems.push(`${domain.name}/${intent.name}: ${intent.test.length} test utterances (≥ 5)`);
      for (const text of intent.test) if (train.has(normal(text))) problems.push(`${domain.name}: test "${text}" is a training example`);
    }
    const ids = new Set(domain.articles.map((article) => article.id));
    for (const half of [domain.calibration, domain.test])
      for (const { question, articleId } of half.answerable) if (!ids.has(articleId)) problems.push(`${domain.name}: "${question}" expects unknown ${articleId}`);
  }
  return problems;
}

export async function evaluateDomains(report: DomainReport): Promise<void> {
  const { goal, pct, fx, lat } = report;
  const modelFile = report.modelFile ?? "model.onnx";
  const model = report.model ? { model: report.model } : {};
  const embedder = new LocalSentenceEmbedder({ modelFile, ...model });
  // Intents run on the encoder the product classifies with (INTENT_ENCODER_MODEL when installed,
  // as localIntentRecognizer does), unless the run names one encoder for everything.
  const intentModel = shippedIntentModel(report);
  const intentEmbedder = intentModel ? new LocalSentenceEmbedder({ model: intentModel }) : embedder;
  const semantic = new SemanticIntentRecognizer(intentEmbedder);
  const ngram = new TrainedIntentRecognizer();
  const indexes = new Map<Domain, { plain: KnowledgeIndex; embedded: KnowledgeIndex }>();
  for (const domain of untunedDomains) indexes.set(domain, await buildIndexes(domain, embedder));
  const hybrid = (encoder: Embedder): Search => async (index, question, limit) => (await searchHybrid(index, question, { limit, embedder: encoder })).hits;
  const bm25: Search = async (index, question, limit) => index.search(question, { limit });

  const cut = await calibrationCut(embedder, (domain) => indexes.get(domain)!.embedded);
  console.log(`\n5. untuned domains (${untunedDomains.map((d) => d.name).join(", ")}) — local sentence encoder ${embedder.name} vs the n-gram / BM25 baseline, same run`);
  console.log(`   answerability cut from the calibration halves: cosine ${fx(cut.cut)} (refuses ${cut.refused}/${cut.answerable} answerable, catches ${cut.caught}/${cut.unanswerable} unanswerable)` +
    `${Math.abs(cut.cut - embedder.answerableSimilarity) < 0.005 ? " = the model's shipped answerableSimilarity" : ` ≠ the model's shipped answerableSimilarity ${embedder.answerableSimilarity}: recalibrate`}`);

  // Opt-in encoders setup installed besides the default: the same figures in the same run, no goals.
  const candidates = await Promise.all(installedCandidateModels().filter((name) => name !== report.model).map(async (name) => {
    const candidate = new LocalSentenceEmbedder({ model: name });
    const candidateIndexes = new Map<Domain, KnowledgeIndex>();
    for (const domain of untunedDomains) candidateIndexes.set(domain, (await buildIndexes(domain, candidate)).embedded);
    const candidateCut = await calibrationCut(candidate, (domain) => candidateIndexes.get(domain)!);
    console.log(`   candidate ${candidate.name}: cut from the calibration halves ${fx(candidateCut.cut)} (refuses ${candidateCut.refused}/${candidateCut.answerable}, catches ${candidateCut.caught}/${candidateCut.unanswerable})` +
      `${Math.abs(candidateCut.cut - candidate.answerableSimilarity) < 0.005 ? " = its shipped answerableSimilarity" : ` ≠ its shipped answerableSimilarity ${candidate.answerableSimilarity}: recalibrate`}`);
    const uncachedCandidate = new LocalSentenceEmbedder({ model: name, cacheSize: 1 });
    return { name, embedder: candidate, semantic: new SemanticIntentRecognizer(candidate), indexes: candidateIndexes, uncached: uncachedCandidate, timed: new SemanticIntentRecognizer(uncachedCandidate) };
  }));

  // The shop set (§1, tuned on earlier) through the semantic recognizer: where its share for "none
  // of these" was chosen (packages/ai/README.md), in-scope accuracy against out-of-scope fallbacks.
  const shopSpecs = intentSet.map(({ name, train }) => ({ name, examples: train }));
  const shopCases = intentSet.flatMap(({ name, test }) => test.map((text) => ({ text, expected: name })));
  const shopRight = (await Promise.all(shopCases.map(async (c) => (await semantic.recognize(c.text, shopSpecs, { threshold: INTENT_THRESHOLD })).intent === c.expected))).filter(Boolean).length;
  const shopOos = await Promise.all(outOfScope.map((text) => semantic.recognize(text, shopSpecs, { threshold: INTENT_THRESHOLD })));
  console.log(`   shop set (§1) with the encoder: intent accuracy ${pct(shopRight / shopCases.length)}, out-of-scope → fallback ${shopOos.filter((r) => r.intent === FALLBACK_INTENT).length}/${shopOos.length} ` +
    `(confidences ${shopOos.map((r) => r.confidence.toFixed(2)).join(", ")})`);

  // One core, every text encoded: the encoder's cache holds one entry and consecutive texts differ.
  const uncached = new LocalSentenceEmbedder({ cacheSize: 1, modelFile, ...model });
  const timedSemantic = new SemanticIntentRecognizer(intentModel ? new LocalSentenceEmbedder({ model: intentModel, cacheSize: 1 }) : uncached);
  if (intentModel) console.log(`   intents on ${intentEmbedder.name} (INTENT_ENCODER_MODEL), knowledge search on ${embedder.name}`);
  for (const domain of untunedDomains) {
    const specs = domain.intents.map(({ name, train }) => ({ name, examples: train }));
    const { plain, embedded } = indexes.get(domain)!;
    console.log(`   ${domain.name}: ${domain.intents.length} intents (≤ ${Math.max(...domain.intents.map((i) => i.train.length))} examples), ${domain.articles.length} articles`);
    const rows: [string, Recognize, Search, KnowledgeIndex, Recognize, Search][] = [
      ["encoder ", (text, intents) => semantic.recognize(text, intents, { threshold: INTENT_THRESHOLD }), hybrid(embedder), embedded,
        (text, intents) => timedSemantic.recognize(text, intents, { threshold: INTENT_THRESHOLD }), hybrid(uncached)],
      ["baseline", async (text, intents) => ngram.recognizeSync(text, intents, { threshold: INTENT_THRESHOLD }), bm25, plain,
        async (text, intents) => ngram.recognizeSync(text, intents, { threshold: INTENT_THRESHOLD }), bm25],
      ...candidates.map((c): [string, Recognize, Search, KnowledgeIndex, Recognize, Search] => [
        c.name, (text, intents) => c.semantic.recognize(text, intents, { threshold: INTENT_THRESHOLD }), hybrid(c.embedder), c.indexes.get(domain)!,
        (text, intents) => c.timed.recognize(text, intents, { threshold: INTENT_THRESHOLD }), hybrid(c.uncached)]),
    ];
    for (const [label, recognize, search, index, timedRecognize, timedSearch] of rows) {
      const encoder = label === "encoder ";
      const intents = await intentFigures(domain, specs, recognize, report.verbose);
      const retrieval = await retrievalFigures(domain, (question, limit) => search(index, question, limit));
      const tested = await answerability(domain, (question) => search(index, question, 1));
      const utterances = domain.intents.flatMap((intent) => intent.test);
      const questions = [...domain.test.answerable.map((q) => q.question), ...domain.test.unanswerable];
      const intentLatency = await time(utterances, report.rounds, (text) => timedRecognize(text, specs));
      const searchLatency = await time(questions, report.rounds, (question) => timedSearch(index, question, 3));
      const tag = (name: string) => `${domain.name} ${name}`;
      const check = (name: string, figure: string, met: boolean) => (encoder ? goal(tag(name), figure, met) : "");
      console.log(`     ${label} ${intentLine(intents, report, encoder ? goal : undefined, domain.name)}`);
      console.log(`              recall@1 ${fx(retrieval.recall1)}, recall@3 ${fx(retrieval.recall3)} ${check("recall@3 ≥ 0.95", fx(retrieval.recall3), retrieval.recall3 >= 0.95)}, MRR ${fx(retrieval.mrr)}`);
      const answerableOk = tested.refused <= 0.1 && tested.caught >= 0.8;
      console.log(`              test half at the node's default ${ANSWERABLE_MIN_SCORE}: answerable refused ${pct(tested.refused)}, unanswerable caught ${pct(tested.caught)} ` +
        `${check("refused ≤ 10%, caught ≥ 80%", `${pct(tested.refused)} / ${pct(tested.caught)}`, answerableOk)}`);
      console.log(`              classify CPU ${lat(intentLatency.cpu)} ${check("classify CPU p99 ≤ 5 ms", fx(intentLatency.cpu.p99, 2), intentLatency.cpu.p99 <= 5)}`);
      console.log(`                       wall ${lat(intentLatency.wall)}`);
      console.log(`              search   CPU ${lat(searchLatency.cpu)} ${check("search CPU p99 ≤ 10 ms", fx(searchLatency.cpu.p99, 2), searchLatency.cpu.p99 <= 10)}`);
      console.log(`                       wall ${lat(searchLatency.wall)}`);
    }
  }
}

/** INTENT_ENCODER_MODEL when it differs from the search encoder and setup installed it, and the run did not choose an encoder. */
function shippedIntentModel(report: DomainReport): SentenceEncoderModelName | undefined {
  if (report.model || report.modelFile || INTENT_ENCODER_MODEL === DEFAULT_ENCODER_MODEL) return undefined;
  return installedCandidateModels().includes(INTENT_ENCODER_MODEL) ? INTENT_ENCODER_MODEL : undefined;
}

async function buildIndexes(domain: Domain, embedder: Embedder) {
  const plain = new KnowledgeIndex();
  const embedded = new KnowledgeIndex();
  for (const article of domain.articles) {
    const chunks = articleChunks(article);
    // The text the activities embed for a chunk (knowledge-store.ts embeddingText): where it sits, then what it says.
    const vectors = await embedder.embed(chunks.map((c) => [c.title, c.headingPath.join(" › "), c.text].filter(Boolean).join("\n\n")));
    plain.upsert({ id: article.id, version: "1", chunks });
    embedded.upsert({ id: article.id, version: "1", chunks: chunks.map((chunk, i) => ({ ...chunk, embedding: vectors[i]! })) });
  }
  return { plain, embedded };
}

async function retrievalFigures(domain: Domain, search: (question: string, limit: number) => Promise<RankedChunk[]>) {
  const questions = [...domain.calibration.answerable, ...domain.test.answerable];
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  for (const { question, articleId } of questions) {
    const position = [...new Set((await search(question, 10)).map((hit) => hit.chunk.documentId))].indexOf(articleId);
    if (position === 0) hit1++;
    if (position >= 0 && position < 3) hit3++;
    if (position >= 0) reciprocal += 1 / (position + 1);
  }
  return { recall1: hit1 / questions.length, recall3: hit3 / questions.length, mrr: reciprocal / questions.length };
}

async function answerability(domain: Domain, top: (question: string) => Promise<RankedChunk[]>) {
  const refused = async (question: string) => ((await top(question))[0]?.score ?? 0) < ANSWERABLE_MIN_SCORE;
  const answerable = await Promise.all(domain.test.answerable.map(({ question }) => refused(question)));
  const unanswerable = await Promise.all(domain.test.unanswerable.map(refused));
  return { refused: answerable.filter(Boolean).length / answerable.length, caught: unanswerable.filter(Boolean).length / unanswerable.length };
}

/** The answerability cut the calibration halves choose for an encoder (top hit's cosine, see calibrateCut). */
async function calibrationCut(embedder: Embedder, indexOf: (domain: Domain) => KnowledgeIndex) {
  return calibrateCut(await Promise.all(untunedDomains.map(async (domain) => {
    const index = indexOf(domain);
    const similarity = async (question: string) => {
      const [vector] = await embedder.embed([question]);
      const top = index.search(question, { limit: 1, queryVector: vector! })[0];
      return top?.chunk.embedding ? dot(vector!, top.chunk.embedding) : 0;
    };
    return {
      answerable: await Promise.all(domain.calibration.answerable.map(({ question }) => similarity(question))),
      unanswerable: await Promise.all(domain.calibration.unanswerable.map(similarity)),
    };
  })));
}

/** The largest cut (a value seen in the data) that refuses at most CALIBRATION_REFUSAL of the answerable questions. */
function calibrateCut(halves: { answerable: number[]; unanswerable: number[] }[]) {
  const answerable = halves.flatMap((h) => h.answerable).sort((a, b) => a - b);
  const unanswerable = halves.flatMap((h) => h.unanswerable);
  const cut = Math.floor(answerable[Math.floor(CALIBRATION_REFUSAL * answerable.length)]! * 100) / 100;
  return {
    cut,
    refused: answerable.filter((s) => s < cut).length,
    answerable: answerable.length,
    caught: unanswerable.filter((s) => s < cut).length,
    unanswerable: unanswerable.length,
  };
}

/**
 * Wall-clock and CPU time (process.cpuUsage: every thread of this process, so the encoder's too)
 * per call. On a shared machine the wall clock also counts time spent waiting for a core; the CPU
 * time is what one call costs a core, the figure the goals are checked on.
 */
async function time<T>(items: readonly T[], rounds: number, run: (item: T) => Promise<unknown>): Promise<{ wall: LatencySummary; cpu: LatencySummary }> {
  for (const item of items) await run(item);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const item of items) {
      const started = performance.now();
      const cpuStarted = process.cpuUsage();
      await run(item);
      const used = process.cpuUsage(cpuStarted);
      wall.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return { wall: summarize(wall), cpu: summarize(cpu) };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
