// Answerability features study (issue 15): can a calibrated combination of features decide
// "does the knowledge base answer this?" better than the top hit's cosine alone (what ships)?
//
//   npx tsx bench/ai-eval/answerability-features.ts [--verbose] [--encoder-model all-MiniLM-L6-v2]
//
// Features of a question, from the same hybrid search the knowledge-answer node runs (local
// sentence encoder, 3 hits):
//   c1      cosine of question and top hit's chunk vector (the shipped feature and cut)
//   s1      best cosine of the question and one sentence of the top hit ("title: sentence")
//   s3      the same over the sentences of the 3 hits
//   cover   the top lexical hit's IDF-weighted coverage of the question's terms (BM25 confidence)
//   margin  cosine of the nearest chunk minus the second nearest
//   docMargin  cosine of the nearest chunk minus the nearest chunk of another document
//   bm25n   the top hit's BM25 score over the query's own: the score a chunk holding exactly the
//           query's words in its title, headings and text gets (BM25 has no scale of its own)
//   share   share of the query's content words (search terms) the top hit's chunk uses
// Chosen on training data only: the untuned domains' calibration halves + the shop set (§2's 64
// answerable + 10 unanswerable questions). Every subset of up to 3 features is fitted as a
// logistic regression (standardized, balanced classes, L2) and scored by leave-one-out: held-out
// scores, the cut that refuses ≤ 5% of the held-out answerable questions, unanswerable caught at
// it. The best subset (most caught, then fewest features) is fitted on all training questions and
// scored once on the test halves, beside the shipped cosine cut.
import { parseArgs } from "node:util";
import { KnowledgeIndex, LocalSentenceEmbedder, articleChunks, searchTerms, type KnowledgeArticleInput } from "@parley/ai";
import { untunedDomains } from "./data/domains";
import { encoderModelName } from "./domains";
import { answerableQuestions, articles as shopArticles, unanswerableQuestions } from "./data/knowledge";

const { values } = parseArgs({ options: { verbose: { type: "boolean", default: false }, "encoder-model": { type: "string" } } });
const FEATURES = ["c1", "s1", "s3", "cover", "margin", "docMargin", "bm25n", "share"] as const;
type Feature = (typeof FEATURES)[number];
interface Row { question: string; features: Record<Feature, number>; answerable: boolean; set: string }
/** Share of the training answerable questions the chosen cut may refuse (as §5's cosine cut). */
const REFUSAL = 0.05;

const embedder = new LocalSentenceEmbedder(values["encoder-model"] ? { model: encoderModelName(values["encoder-model"]) } : {});
/** The model's shipped cut on the top hit's cosine (what the knowledge-answer node uses). */
const SHIPPED_CUT = embedder.answerableSimilarity;

/** Sentences of a chunk, list items as sentences, Markdown marks removed (as the extractive reply splits). */
function sentences(text: string): string[] {
  return text.replace(/[*_`]+/g, "").split(/\n+/).map((line) => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "").trim()).filter(Boolean)
    .flatMap((line) => line.split(/(?<=[.!?])\s+/)).map((s) => s.trim()).filter(Boolean);
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

async function knowledgeBase(articles: readonly KnowledgeArticleInput[]) {
  const index = new KnowledgeIndex();
  const sentenceVectors = new Map<string, number[][]>();
  const chunkTerms = new Map<string, Set<string>>();
  let chunkCount = 0;
  let sentenceCount = 0;
  for (const article of articles) {
    const chunks = articleChunks(article);
    const vectors = await embedder.embed(chunks.map((c) => [c.title, c.headingPath.join(" › "), c.text].filter(Boolean).join("\n\n")));
    index.upsert({ id: article.id, version: "1", chunks: chunks.map((chunk, i) => ({ ...chunk, embedding: vectors[i]! })) });
    for (const chunk of chunks) {
      chunkTerms.set(chunk.id, new Set(searchTerms([chunk.title, ...chunk.headingPath, chunk.text].join("\n"))));
      const texts = sentences(chunk.text).map((s) => `${chunk.title}: ${s}`);
      sentenceVectors.set(chunk.id, await embedder.embed(texts));
      chunkCount++;
      sentenceCount += texts.length;
    }
  }
  return { index, sentenceVectors, chunkTerms, chunkCount, sentenceCount };
}

async function features(kb: Awaited<ReturnType<typeof knowledgeBase>>, question: string): Promise<Record<Feature, number>> {
  const [vector] = await embedder.embed([question]);
  const q = vector!;
  const hits = kb.index.search(question, { limit: 3, queryVector: q, answerableSimilarity: SHIPPED_CUT });
  const near = kb.index.search(question, { limit: 20, queryVector: q }).map((h) => ({ document: h.chunk.documentId, cosine: dot(q, h.chunk.embedding!) })).sort((a, b) => b.cosine - a.cosine);
  const nearest = near.map((n) => n.cosine);
  const otherDocument = near.find((n) => n.document !== near[0]?.document)?.cosine ?? 0;
  const words = [...new Set(searchTerms(question))];
  const topTerms = hits[0] ? kb.chunkTerms.get(hits[0].chunk.id)! : new Set<string>();
  const bestSentence = (ids: string[]) => Math.max(0, ...ids.flatMap((id) => kb.sentenceVectors.get(id)!.map((v) => dot(q, v))));
  return {
    c1: hits[0] ? dot(q, hits[0].chunk.embedding!) : 0,
    s1: bestSentence(hits.slice(0, 1).map((h) => h.chunk.id)),
    s3: bestSentence(hits.map((h) => h.chunk.id)),
    cover: kb.index.search(question, { limit: 1 })[0]?.score ?? 0,
    margin: (nearest[0] ?? 0) - (nearest[1] ?? 0),
    docMargin: (nearest[0] ?? 0) - otherDocument,
    bm25n: (hits[0]?.bm25?.score ?? 0) / ownBm25(kb.index, question),
    share: words.length ? words.filter((w) => topTerms.has(w)).length / words.length : 0,
  };
}

/** BM25 of a chunk that holds exactly the query in its title, headings and text: added for one lexical search, then removed. */
function ownBm25(index: KnowledgeIndex, question: string): number {
  const id = "query-itself";
  index.upsert({ id, version: question, chunks: [{ id: `${id}#0`, documentId: id, title: question, headingPath: [question], text: question, ordinal: 0 }] });
  const own = index.search(question, { limit: 20 }).find((h) => h.chunk.documentId === id)?.bm25?.score ?? 0;
  index.remove(id);
  return Math.max(own, 1e-6);
}

/** Logistic regression on standardized features, classes weighted to balance, L2 1e-2, plain gradient descent. */
function fit(rows: readonly Row[], names: readonly Feature[]): (row: Row) => number {
  const x = rows.map((r) => names.map((n) => r.features[n]));
  const mean = names.map((_, j) => x.reduce((s, v) => s + v[j]!, 0) / x.length);
  const sd = names.map((_, j) => Math.max(1e-6, Math.sqrt(x.reduce((s, v) => s + (v[j]! - mean[j]!) ** 2, 0) / x.length)));
  const z = x.map((v) => v.map((value, j) => (value - mean[j]!) / sd[j]!));
  const positives = rows.filter((r) => r.answerable).length;
  const classWeight = (answerable: boolean) => rows.length / (2 * (answerable ? positives : rows.length - positives));
  const w = new Array<number>(names.length).fill(0);
  let b = 0;
  for (let step = 0; step < 400; step++) {
    const gw = new Array<number>(names.length).fill(0);
    let gb = 0;
    rows.forEach((row, i) => {
      const p = 1 / (1 + Math.exp(-(b + z[i]!.reduce((s, v, j) => s + v * w[j]!, 0))));
      const error = (p - (row.answerable ? 1 : 0)) * classWeight(row.answerable);
      gb += error;
      z[i]!.forEach((v, j) => (gw[j]! += error * v));
    });
    b -= (0.5 * gb) / rows.length;
    for (let j = 0; j < w.length; j++) w[j]! -= 0.5 * (gw[j]! / rows.length + 1e-2 * w[j]!);
  }
  return (row) => b + names.reduce((s, n, j) => s + (w[j]! * (row.features[n] - mean[j]!)) / sd[j]!, 0);
}

/** The cut under which at most REFUSAL of the answerable scores fall. */
function cutFor(answerableScores: number[]): number {
  const sorted = [...answerableScores].sort((a, b) => a - b);
  return sorted[Math.floor(REFUSAL * sorted.length)]!;
}

function tally(rows: readonly Row[], score: (row: Row) => number, cut: number) {
  const answerable = rows.filter((r) => r.answerable);
  const unanswerable = rows.filter((r) => !r.answerable);
  return {
    refused: answerable.filter((r) => score(r) < cut),
    answerable: answerable.length,
    caught: unanswerable.filter((r) => score(r) < cut).length,
    unanswerable: unanswerable.length,
  };
}

function subsets(size: number, from = 0): Feature[][] {
  if (size === 0) return [[]];
  const out: Feature[][] = [];
  for (let i = from; i < FEATURES.length; i++) for (const rest of subsets(size - 1, i + 1)) out.push([FEATURES[i]!, ...rest]);
  return out;
}

async function main() {
  const rows: Row[] = [];
  let chunks = 0;
  let sentenceTotal = 0;
  for (const domain of untunedDomains) {
    const kb = await knowledgeBase(domain.articles);
    chunks += kb.chunkCount;
    sentenceTotal += kb.sentenceCount;
    for (const [half, questions] of [["calibration", domain.calibration], ["test", domain.test]] as const) {
      for (const { question } of questions.answerable) rows.push({ question, features: await features(kb, question), answerable: true, set: `${domain.name} ${half}` });
      for (const question of questions.unanswerable) rows.push({ question, features: await features(kb, question), answerable: false, set: `${domain.name} ${half}` });
    }
  }
  const shop = await knowledgeBase(shopArticles);
  for (const { question } of answerableQuestions) rows.push({ question, features: await features(shop, question), answerable: true, set: "shop" });
  for (const question of unanswerableQuestions) rows.push({ question, features: await features(shop, question), answerable: false, set: "shop" });
  const training = rows.filter((r) => !r.set.endsWith("test"));
  const test = rows.filter((r) => r.set.endsWith("test"));

  console.log(`answerability features — ${embedder.name}; training: calibration halves + shop set (${training.filter((r) => r.answerable).length} answerable, ${training.filter((r) => !r.answerable).length} unanswerable)`);
  console.log(`   sentence vectors: ${sentenceTotal} for ${chunks} chunks of the two domains (${(sentenceTotal / chunks).toFixed(1)} per chunk to store and encode)`);
  const candidates = [1, 2, 3].flatMap((size) => subsets(size)).map((names) => {
    const held = training.map((row, i) => fit(training.filter((_, j) => j !== i), names)(row));
    const score = (row: Row) => held[training.indexOf(row)]!;
    const cut = cutFor(training.filter((r) => r.answerable).map(score));
    const all = tally(training, score, cut);
    const domains = tally(training.filter((r) => r.set !== "shop"), score, cut);
    console.log(`   ${names.join(" + ").padEnd(22)} leave-one-out: refused ${all.refused.length}/${all.answerable}, caught ${all.caught}/${all.unanswerable}` +
      `  (calibration halves: refused ${domains.refused.length}/${domains.answerable}, caught ${domains.caught}/${domains.unanswerable})`);
    return { names, caught: all.caught, domainsCaught: domains.caught };
  });
  const chosen = candidates.sort((a, b) => b.caught - a.caught || b.domainsCaught - a.domainsCaught || a.names.length - b.names.length)[0]!;

  const score = fit(training, chosen.names);
  const cut = cutFor(training.filter((r) => r.answerable).map(score));
  const shipped = (row: Row) => row.features.c1;
  console.log(`   chosen: ${chosen.names.join(" + ")}; test halves, scored once:`);
  for (const domain of untunedDomains) {
    const half = test.filter((r) => r.set === `${domain.name} test`);
    for (const [label, s, c] of [[`fitted ${chosen.names.join("+")}`, score, cut], [`shipped cosine ≥ ${SHIPPED_CUT}`, shipped, SHIPPED_CUT]] as const) {
      const t = tally(half, s, c);
      console.log(`     ${domain.name.padEnd(8)} ${label.padEnd(24)} answerable refused ${t.refused.length}/${t.answerable}, unanswerable caught ${t.caught}/${t.unanswerable}`);
      if (values.verbose) for (const r of t.refused) console.log(`        refused: "${r.question}" (${FEATURES.map((f) => `${f} ${r.features[f].toFixed(2)}`).join(", ")})`);
    }
  }
}

void main();
