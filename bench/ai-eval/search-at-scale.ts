// §4 of bench/ai-eval: search over a synthetic 5,000-article help centre, beside the previous index.
import os from "node:os";
import { KnowledgeIndex, articleChunks, termOverlapSearch, type KnowledgeArticleInput } from "@parley/ai";
import { summarize, type LatencySummary } from "../lib/stats";
import { answerableQuestions, articles, unanswerableQuestions } from "./data/knowledge";
import { PreviousKnowledgeIndex } from "./previous-knowledge-index";
import { fmtMs, fx, goal, lat, time, type RunOptions } from "./report";
import { retrievalFigures } from "./shop-knowledge";
import { prng, syntheticCorpus } from "./synthetic";

const CORPUS_SIZE = 5_000;
const EMBEDDING_DIMENSIONS = 1_536;

export async function searchAtScale({ quick: QUICK, verbose: VERBOSE, rounds: ROUNDS }: RunOptions): Promise<void> {
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
  const large = retrievalFigures((question) => index.search(question, { limit: 10 }).map((hit) => hit.chunk.documentId), VERBOSE);
  const largePrevious = retrievalFigures((question) => previous.search(question, { limit: 10 }).map((hit) => hit.chunk.documentId), VERBOSE);
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
