// bench/routing: H conversations hand off at once to one team of A online agents, who accept every
// offer as soon as they see it. Measures handoff → offer latency (workflow start to the offer row)
// and handoffs per second to assignment (the conversation row names the agent), compared with a
// bare Temporal signal round trip (signal-with-start → result) measured in the same run.
//
//   ./parley bench routing  [--agents A] [--handoffs H]
import os from "node:os";
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { createRequire } from "node:module";
import { Worker } from "@temporalio/worker";
import { appRouter, createCallerFactory } from "@parley/api";
import { FLOW_SCHEMA_VERSION, type FlowGraph } from "@parley/flow";
import { CONVERSATION_WORKFLOW_TASK_TIMEOUT } from "@parley/workflows";
import { inParallel, ms, summarize } from "../lib/stats";
import { startBenchStack } from "../lib/stack";
import { pingSignal } from "../flows/signal-workflow";

const require = createRequire(import.meta.url);
const { values } = parseArgs({ options: { agents: { type: "string", default: "20" }, handoffs: { type: "string", default: "500" } } });
const A = Number(values.agents);
const H = Number(values.handoffs);

const stack = await startBenchStack();
const { db, seed, env, services } = stack;
const signalWorker = await Worker.create({ connection: env.nativeConnection, taskQueue: "bench-signal", workflowsPath: require.resolve("../flows/signal-workflow") });
const signalRunning = signalWorker.run();

// One team; every agent online with room for their share of the handoffs.
const team = await db.team.create({ data: { workspaceId: seed.workspaceId, name: "Bench routing", distribution: "least_busy", offerTimeoutSeconds: 300 } });
const agents: string[] = [];
for (let i = 0; i < A; i++) {
  const user = await db.user.create({ data: { email: `bench-agent-${i}@parley.dev`, name: `Bench agent ${i}`, emailVerified: true } });
  const member = await db.member.create({ data: { workspaceId: seed.workspaceId, userId: user.id, role: "agent", presence: "online", presenceAt: new Date(), chatCapacity: Math.ceil((H + 8) / A) } });
  await db.teamMember.create({ data: { teamId: team.id, memberId: member.id } });
  agents.push(user.id);
}
const createCaller = createCallerFactory(appRouter);
const agentApi = new Map(
  agents.map((userId) => [
    userId,
    createCaller({
      ...services,
      request: { headers: new Headers(), method: "POST", ip: "127.0.0.1" },
      caller: { kind: "user", userId, name: "Bench agent", email: "bench@parley.dev", workspaceId: seed.workspaceId, role: "agent", sessionId: "bench" },
    }),
  ]),
);

const graph: FlowGraph = {
  schemaVersion: FLOW_SCHEMA_VERSION,
  nodes: [
    { id: "start", kind: "start", position: { x: 0, y: 0 }, config: {} },
    { id: "human", kind: "handoff", position: { x: 0, y: 150 }, config: { message: "", team: team.name, skills: "", priority: "normal" } },
    { id: "end", kind: "end", position: { x: 0, y: 300 }, config: { status: "resolved" } },
  ],
  edges: [
    { id: "e1", source: "start", sourcePort: "next", target: "human" },
    { id: "e2", source: "human", sourcePort: "resolved", target: "end" },
    { id: "e3", source: "human", sourcePort: "returned", target: "end" },
  ],
};
const flowId = await stack.publish("Routing (bench)", graph);
const { id: versionId } = await db.flowVersion.findFirstOrThrow({ where: { flowId, published: true }, select: { id: true } });

/** The agents' side: accept every pending offer they see (as the inbox's Accept button would). */
let accepting = true;
const acceptor = (async () => {
  while (accepting) {
    const pending = await db.routingOffer.findMany({ where: { state: "pending" }, select: { id: true, agentId: true } });
    await Promise.all(pending.map((offer) => agentApi.get(offer.agentId)?.routing.accept({ offerId: offer.id }).catch(() => undefined)));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
})();

async function handOffAll(count: number) {
  const started = new Map<string, number>();
  const t0 = performance.now();
  await inParallel(count, 50, async () => {
    const id = randomUUID();
    const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId } });
    await db.conversation.create({ data: { id, workflowId: id, workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: versionId } });
    started.set(id, Date.now());
    await env.client.workflow.start("conversation", { workflowId: id, taskQueue: stack.taskQueue, args: [{ conversationId: id, flowVersionId: versionId }], workflowTaskTimeout: CONVERSATION_WORKFLOW_TASK_TIMEOUT });
  });
  const ids = [...started.keys()];
  for (;;) {
    const assigned = await db.conversation.count({ where: { id: { in: ids }, assigneeId: { not: null } } });
    if (assigned === count) break;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const seconds = (performance.now() - t0) / 1000;
  const offers = await db.routingOffer.findMany({ where: { conversationId: { in: ids } }, orderBy: { createdAt: "asc" } });
  const firstOffer = new Map<string, { createdAt: Date; handoffAt: Date }>();
  for (const offer of offers) if (!firstOffer.has(offer.conversationId)) firstOffer.set(offer.conversationId, offer);
  // Routing proper: the handoff's own time (HandoffState.since, carried by the offer) to the offer row.
  const toOffer = ids.map((id) => firstOffer.get(id)!.createdAt.getTime() - firstOffer.get(id)!.handoffAt.getTime());
  // As the customer sees it: the conversation's start (the flow hands off at once) to the offer.
  const startToOffer = ids.map((id) => firstOffer.get(id)!.createdAt.getTime() - started.get(id)!);
  return { latencies: summarize(toOffer), fromStart: summarize(startToOffer), perSecond: count / seconds };
}

async function signalRoundTrips(count: number) {
  const samples: number[] = [];
  const t0 = performance.now();
  await inParallel(count, 50, async (i) => {
    const started = performance.now();
    const handle = await env.client.workflow.signalWithStart("signalEcho", { taskQueue: "bench-signal", workflowId: `ping-${i}-${randomUUID()}`, signal: pingSignal, signalArgs: [`ping ${i}`] });
    await handle.result();
    samples.push(performance.now() - started);
  });
  return { latencies: summarize(samples), perSecond: count / ((performance.now() - t0) / 1000) };
}

// Warm both paths (bundles, caches, JIT) before measuring.
await handOffAll(8);
await signalRoundTrips(8);

const baseline = await signalRoundTrips(H);
const routing = await handOffAll(H);
accepting = false;
await acceptor;

const row = (name: string, r: { latencies: ReturnType<typeof summarize>; perSecond: number }) =>
  `${name.padEnd(34)} p50 ${ms(r.latencies.p50).padStart(9)}  p95 ${ms(r.latencies.p95).padStart(9)}  p99 ${ms(r.latencies.p99).padStart(9)}  ${r.perSecond.toFixed(1).padStart(6)} /s`;
console.log(`\nrouting — ${H} handoffs at once (50 starts in flight) to ${A} agents, ${os.cpus().length} cores, Node ${process.versions.node}`);
console.log(row("bare Temporal signal round trip", baseline));
console.log(row("handoff → offer (/s: to assignment)", routing));
console.log(row("conversation start → offer", { latencies: routing.fromStart, perSecond: routing.perSecond }));
console.log(
  `ratio (routing / baseline)         p50 ${(routing.latencies.p50 / baseline.latencies.p50).toFixed(2)}×  p99 ${(routing.latencies.p99 / baseline.latencies.p99).toFixed(2)}×  throughput ${(routing.perSecond / baseline.perSecond).toFixed(2)}×\n`,
);

signalWorker.shutdown();
await signalRunning;
await stack.stop();
