// §2 of bench/ai-eval: knowledge search on the shop help centre (data/knowledge.ts).
import { ANSWERABLE_MIN_SCORE, DEFAULT_MIN_SCORE, KnowledgeIndex, articleChunks, isAnswerable, rankPassages, splitPassages, type RankedChunk, type ScoredPassage } from "@parley/ai";
import { answerableQuestions, articles, unanswerableQuestions } from "./data/knowledge";
import { fx, goal, lat, time, type RunOptions } from "./report";

/** Distinct article ids in rank order. */
const articleRanking = (ids: readonly string[]) => [...new Set(ids)];
export function retrievalFigures(rank: (question: string) => string[], VERBOSE: boolean) {
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

export function shopKnowledge({ verbose: VERBOSE, rounds: ROUNDS }: RunOptions): void {
  const index = new KnowledgeIndex();
  for (const article of articles) index.upsert({ id: article.id, version: "1", chunks: articleChunks(article) });
  const search = (question: string, limit: number): RankedChunk[] => index.search(question, { limit });
  console.log(`\n2. knowledge search — KnowledgeIndex (BM25+ by FieldedBm25 over title, heading path and chunk text, fused with coverage; no embedder), ${articles.length} articles (${index.size.chunks} chunks), ${answerableQuestions.length} labelled + ${unanswerableQuestions.length} unanswerable questions`);
  const { recall1, recall3, mrr } = retrievalFigures((question) => search(question, 10).map((hit) => hit.chunk.documentId), VERBOSE);
  console.log(`   recall@1        ${fx(recall1)}`);
  console.log(`   recall@3        ${fx(recall3)}   goal ≥ 0.9: ${goal("recall@3 ≥ 0.9", fx(recall3), recall3 >= 0.9)}`);
  console.log(`   MRR             ${fx(mrr)}`);
  const passages = articles.flatMap(splitPassages);
  const baseline = retrievalFigures((question) => rankPassages(question, passages, passages.length).map((p: ScoredPassage) => p.articleId), VERBOSE);
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
