// §3 of bench/ai-eval: sentiment on the labelled messages (data/sentiment.ts), the lexicon beside wink-nlp.
import { SENTIMENT_LABEL_CUTOFF, scoreSentiment, sentimentTrend } from "@parley/ai";
import winkNLP from "wink-nlp";
import winkModel from "wink-eng-lite-web-model";
import { sentimentSet } from "./data/sentiment";
import { fx, lat, pct, time, type RunOptions } from "./report";

export function sentiment({ verbose: VERBOSE, rounds: ROUNDS }: RunOptions): void {
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
