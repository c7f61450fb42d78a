// How much the embedding ranking should count in the knowledge search's reciprocal rank fusion
// (issue 15): a sweep of the semantic weight (against 1 for each lexical ranking, BM25 and term
// coverage) with the local sentence encoder.
//
//   npx tsx bench/ai-eval/fusion-weight.ts [--encoder-model all-MiniLM-L6-v2]
//
// Chosen on training questions only: the shop set's 64 labelled questions (§2) and the untuned
// domains' calibration halves (15 + 15). The weight is the smallest with the best pooled MRR over
// them; the test halves are printed beside it, never used to choose. The run says whether the
// choice equals packages/ai's SEMANTIC_RRF_WEIGHT.
import { parseArgs } from "node:util";
import { KnowledgeIndex, LocalSentenceEmbedder, SEMANTIC_RRF_WEIGHT, articleChunks, type KnowledgeArticleInput } from "@parley/ai";
import { untunedDomains } from "./data/domains";
import { encoderModelName } from "./domains";
import { answerableQuestions, articles as shopArticles } from "./data/knowledge";

const { values } = parseArgs({ options: { "encoder-model": { type: "string" } } });
const WEIGHTS = [1, 1.5, 2, 3, 4, 5, 6, 8, 10, 20, 1000];

interface QuestionSet { name: string; training: boolean; index: KnowledgeIndex; questions: { question: string; articleId: string }[] }
interface Figures { recall1: number; recall3: number; mrr: number; count: number }

const embedder = new LocalSentenceEmbedder(values["encoder-model"] ? { model: encoderModelName(values["encoder-model"]) } : {});

/** An index as the activities build it: each chunk's vector from "title, heading path, text" (knowledge-store.ts embeddingText). */
async function knowledgeIndex(articles: readonly KnowledgeArticleInput[]): Promise<KnowledgeIndex> {
  const index = new KnowledgeIndex();
  for (const article of articles) {
    const chunks = articleChunks(article);
    const vectors = await embedder.embed(chunks.map((c) => [c.title, c.headingPath.join(" › "), c.text].filter(Boolean).join("\n\n")));
    index.upsert({ id: article.id, version: "1", chunks: chunks.map((chunk, i) => ({ ...chunk, embedding: vectors[i]! })) });
  }
  return index;
}

async function figures(set: QuestionSet, semanticWeight: number): Promise<Figures> {
  let hit1 = 0;
  let hit3 = 0;
  let reciprocal = 0;
  for (const { question, articleId } of set.questions) {
    const [queryVector] = await embedder.embed([question]);
    const hits = set.index.search(question, { limit: 10, queryVector: queryVector!, semanticWeight });
    const position = [...new Set(hits.map((hit) => hit.chunk.documentId))].indexOf(articleId);
    if (position === 0) hit1++;
    if (position >= 0 && position < 3) hit3++;
    if (position >= 0) reciprocal += 1 / (position + 1);
  }
  const n = set.questions.length;
  return { recall1: hit1 / n, recall3: hit3 / n, mrr: reciprocal / n, count: n };
}

async function main() {
  const sets: QuestionSet[] = [{ name: "shop", training: true, index: await knowledgeIndex(shopArticles), questions: answerableQuestions.map((q) => ({ question: q.question, articleId: q.expected })) }];
  for (const domain of untunedDomains) {
    const index = await knowledgeIndex(domain.articles);
    sets.push({ name: `${domain.name} calibration`, training: true, index, questions: domain.calibration.answerable });
    sets.push({ name: `${domain.name} test`, training: false, index, questions: domain.test.answerable });
  }
  console.log(`semantic weight in the fusion — ${embedder.name}; recall@1 / recall@3 / MRR (test halves shown, not used to choose)`);
  console.log(`   ${"weight".padEnd(7)} ${"training MRR".padEnd(13)} ${sets.map((s) => s.name.padEnd(20)).join(" ")}`);
  const rows: { weight: number; trainingMrr: number }[] = [];
  for (const weight of WEIGHTS) {
    const results = [];
    for (const set of sets) results.push(await figures(set, weight));
    const training = results.filter((_, i) => sets[i]!.training);
    const trainingMrr = training.reduce((sum, r) => sum + r.mrr * r.count, 0) / training.reduce((sum, r) => sum + r.count, 0);
    rows.push({ weight, trainingMrr });
    const cells = results.map((r) => `${r.recall1.toFixed(3)}/${r.recall3.toFixed(3)}/${r.mrr.toFixed(3)}`.padEnd(20));
    console.log(`   ${String(weight).padEnd(7)} ${trainingMrr.toFixed(4).padEnd(13)} ${cells.join(" ")}`);
  }
  const best = Math.max(...rows.map((r) => r.trainingMrr));
  const chosen = rows.find((r) => r.trainingMrr >= best - 1e-9)!.weight;
  console.log(`   chosen: ${chosen} (smallest with the best training MRR ${best.toFixed(4)})` +
    `${chosen === SEMANTIC_RRF_WEIGHT ? " = packages/ai's SEMANTIC_RRF_WEIGHT" : ` ≠ packages/ai's SEMANTIC_RRF_WEIGHT ${SEMANTIC_RRF_WEIGHT}`}`);
}

void main();
