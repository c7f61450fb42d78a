// The publish dialog's replay check over recorded conversations (default 200): the time per
// conversation replayed on the draft (a test conversation: start, the customer's message,
// compare). The baseline, measured in the same run, is recording them: the same conversation run
// for real through the API, one after another. Prints p50/p99 per conversation, the check's wall
// time per conversation (it replays REPLAY_CONCURRENCY at once) and the ratios.
//
//   npx tsx bench/builder/replay.ts [--conversations 200]
import { parseArgs } from "node:util";
import { MAX_REPLAY_LIMIT } from "../../packages/api/src/replay/recorded";
import { REPLAY_CONCURRENCY } from "../../packages/api/src/replay/replay-checks";
import { startBenchStack } from "../lib/stack";
import { ms, summarize } from "../lib/stats";
import { plansFlow } from "./plans-flow";

const { values } = parseArgs({ options: { conversations: { type: "string", default: String(MAX_REPLAY_LIMIT) } } });
const count = Math.min(MAX_REPLAY_LIMIT, Number(values.conversations));

const stack = await startBenchStack();
try {
  const { api } = stack;
  const flowId = await stack.publish("Plans", plansFlow());
  const recording: number[] = [];
  for (let i = 0; i < count; i++) {
    const start = performance.now();
    const started = await api.conversations.start.mutate({ flowId });
    await api.conversations.send.mutate({ conversationId: started.conversationId, text: i % 3 === 0 ? "pro" : "free" });
    recording.push(performance.now() - start);
  }
  // The draft changes one reply: a third of the conversations should report it.
  await api.flows.saveDraft.mutate({ id: flowId, graph: plansFlow("Welcome back, pro!") });

  const wallStart = performance.now();
  let check = await api.replayChecks.start.mutate({ flowId, limit: count });
  while (check.status === "running") {
    await new Promise((resolve) => setTimeout(resolve, 200));
    check = await api.replayChecks.get.query({ id: check.id });
  }
  const wall = performance.now() - wallStart;
  if (check.status !== "done") throw new Error(`the check ended ${check.status}: ${check.error}`);
  const differs = check.results.filter((result) => result.comparison?.verdict === "reply").length;
  const failed = check.results.filter((result) => result.error !== null).length;
  const expected = Math.ceil(count / 3);
  const replay = summarize(check.results.map((result) => result.durationMs));
  const baseline = summarize(recording);
  console.log(`replay check over ${count} recorded conversations (${REPLAY_CONCURRENCY} at a time): ${differs} reply differs (expected ${expected}), ${failed} failed`);
  console.log(`  per conversation replayed   p50 ${ms(replay.p50)}  p99 ${ms(replay.p99)}  | recording it p50 ${ms(baseline.p50)}  ratio ${(replay.p50 / baseline.p50).toFixed(2)}×`);
  console.log(`  check wall time             ${ms(wall)} = ${ms(wall / count)} per conversation`);
  if (differs !== expected || failed > 0) process.exitCode = 1;
} finally {
  await stack.stop();
}
