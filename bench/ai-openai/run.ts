// Parley's own overhead around OpenAI calls, measured against the loopback OpenAI-compatible test
// server (which answers at once): prompt building (memory + sources), the SDK round trip, stream
// consumption and citation mapping. A real model adds its own latency on top; this is what
// Parley costs per call. Run: npm run ai-openai -w @parley/bench [-- --quick]
import {
  buildMemory,
  extractiveHandoffSummary,
  groundedChat,
  openAIProviders,
  LexiconSentimentAnalyzer,
  TrainedIntentRecognizer,
  type ConversationTurn,
  type ReplyRequest,
  type ScoredPassage,
} from "@parley/ai";
import { startOpenAIServer, TEST_API_KEY } from "../../test/support/openai-server";
import { summarize } from "../lib/stats";

const ms = (value: number) => `${value.toFixed(3)} ms`;

const quick = process.argv.includes("--quick");
const N = quick ? 100 : 1000;

const turns: ConversationTurn[] = Array.from({ length: 40 }, (_, i) => ({
  author: i % 2 ? "bot" : "contact",
  text: `Message ${i}: I was charged twice for my order last week and would like to know when the refund arrives.`,
}));
const passages: ScoredPassage[] = Array.from({ length: 3 }, (_, i) => ({
  articleId: `doc-${i}`,
  title: `Article ${i}`,
  heading: "Refunds",
  text: "If both charges are still there after 5 business days, reply with the dates of both charges. We refund the duplicate charge the same day.",
  score: 0.9 - i * 0.2,
}));
const request: ReplyRequest = {
  instructions: "You are a friendly support assistant.",
  question: turns.at(-2)!.text,
  passages,
  recentTurns: turns,
  groundedOnly: true,
  minConfidence: 0.5,
  variables: { order_id: "A-1001", plan: "Pro", email: "ada@example.com" },
};

async function time(label: string, runs: number, task: () => Promise<unknown> | unknown): Promise<void> {
  for (let i = 0; i < Math.min(20, runs); i++) await task(); // warm-up
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await task();
    samples.push(performance.now() - t0);
  }
  const elapsed = (performance.now() - started) / 1000;
  const s = summarize(samples);
  console.log(`${label.padEnd(44)} p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  ${(runs / elapsed).toFixed(0)}/s  (n=${runs})`);
}

const server = await startOpenAIServer();
server.respond((body) => {
  if (body.tools) return { toolCall: { name: "classify_intent", arguments: JSON.stringify({ intent: "billing", confidence: 0.9, alternatives: [] }) } };
  return { content: "Send us the dates of both charges and we refund the duplicate the same day [1]." };
});
const ai = openAIProviders(
  { apiKey: TEST_API_KEY, baseURL: server.baseURL, model: "bench", maxRetries: 0 },
  { intentRecognizer: new TrainedIntentRecognizer(), sentimentAnalyzer: new LexiconSentimentAnalyzer() },
);
const intents = [
  { name: "billing", examples: ["I was charged twice", "refund please"] },
  { name: "shipping", examples: ["where is my parcel"] },
];

console.log(`ai-openai bench (loopback server, ${N} runs each)`);
await time("buildMemory (40 turns, 3 vars, 2000 tokens)", N * 10, () => buildMemory({ variables: request.variables, turns, budgetTokens: 2000 }));
await time("groundedChat (prompt: memory + 3 sources)", N * 10, () => groundedChat(request));
await time("extractive handoff summary", N * 10, () => extractiveHandoffSummary.summarize({ turns, variables: request.variables }));
await time("intent via SDK (function call, JSON)", N, () => ai.intentRecognizer.recognize("I was charged twice", intents, { threshold: 0.5 }));
await time("reply via SDK (SSE stream + citations)", N, () => ai.replyGenerator.generate(request));
await server.close();
