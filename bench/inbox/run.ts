// bench/inbox: the inbox's list, view counts and full-text search over C conversations and M
// messages, p50/p99 through the API's router (as the builder calls it), compared with a plain
// primary-key lookup of a conversation measured in the same run. SQLite by default; on the
// PostgreSQL server of PARLEY_TEST_POSTGRES_URL when it is set (as ./parley test's second pass).
//
//   ./parley bench inbox  [--conversations C] [--messages M] [--queries Q]
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { Client, Connection } from "@temporalio/client";
import { appRouter, createCallerFactory } from "@parley/api";
import { asPerson, testServices } from "../../test/support/api";
import { createTestDatabase } from "../../test/support/database";
import { ms, summarize } from "../lib/stats";

const { values } = parseArgs({ options: { conversations: { type: "string", default: "100000" }, messages: { type: "string", default: "1000000" }, queries: { type: "string", default: "200" } } });
const C = Number(values.conversations);
const M = Number(values.messages);
const Q = Number(values.queries);

const database = await createTestDatabase();
const { db, seed } = database;

// A vocabulary with a natural spread: a few words in most messages, most words rare.
const syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "den", "pra", "gul", "fen", "tor", "bex", "qua"];
const vocabulary = Array.from({ length: 3000 }, (_, i) => syllables[i % 15]! + syllables[Math.floor(i / 15) % 15]! + syllables[Math.floor(i / 225) % 15]!);
let state = 42;
const random = () => ((state = (state * 1103515245 + 12345) % 2147483648), state / 2147483648);
const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)]!;
const sentence = () => Array.from({ length: 6 + Math.floor(random() * 14) }, word).join(" ");

const started = performance.now();
const teams = ["Support", "Billing", null];
const assignees = [seed.agentId, seed.supervisorId, null, null];
const statuses = ["active", "handoff", "handoff", "resolved", "closed"] as const;
const CHUNK = 2000;
const ids: string[] = [];
for (let from = 0; from < C; from += CHUNK) {
  const rows = Array.from({ length: Math.min(CHUNK, C - from) }, (_, k) => from + k);
  await db.contact.createMany({ data: rows.map((i) => ({ id: `bc${i}`, workspaceId: seed.workspaceId, name: `${word()} ${word()}`, email: `person${i}@example.com` })) });
  await db.conversation.createMany({
    data: rows.map((i) => ({
      id: `bv${i}`,
      workspaceId: seed.workspaceId,
      contactId: `bc${i}`,
      flowVersionId: seed.publishedVersionId,
      workflowId: `bench-inbox-${i}`,
      status: statuses[i % statuses.length]!,
      team: teams[i % teams.length]!,
      assigneeId: assignees[i % assignees.length]!,
      updatedAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * 90 * 86_400_000)),
    })),
  });
  ids.push(...rows.map((i) => `bv${i}`));
}
for (let from = 0; from < M; from += CHUNK) {
  const rows = Array.from({ length: Math.min(CHUNK, M - from) }, (_, k) => from + k);
  await db.message.createMany({ data: rows.map((i) => ({ id: `bm${i}`, conversationId: `bv${i % C}`, seq: Math.floor(i / C), author: i % 2 ? "bot" : "contact", text: sentence() })) });
}
console.log(`${database.kind}: ${C} conversations and ${M} messages written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const services = testServices(database, new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) }), "unused");
const createCaller = createCallerFactory(appRouter);
const supervisor = createCaller(asPerson(services, database, "supervisor"));
const agent = createCaller(asPerson(services, database, "agent"));
const secondPage = (await supervisor.conversations.list({ view: "team:Support", limit: 50 })).at(-1)!.cursor;

async function measure(task: (i: number) => Promise<unknown>): Promise<ReturnType<typeof summarize>> {
  for (let i = 0; i < 5; i++) await task(i);
  const samples: number[] = [];
  for (let i = 0; i < Q; i++) {
    const t = performance.now();
    await task(i);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

const cases: [string, (i: number) => Promise<unknown>][] = [
  ["baseline: conversation by primary key", (i) => db.conversation.findUnique({ where: { id: ids[(i * 7919) % ids.length]! } })],
  ["list all, first page (supervisor)", () => supervisor.conversations.list({ view: "all", limit: 50 })],
  ["list mine (agent)", () => agent.conversations.list({ view: "mine", limit: 50 })],
  ["list team:Support, 2nd page by cursor", () => supervisor.conversations.list({ view: "team:Support", limit: 50, cursor: secondPage })],
  ["list filtered (handoff, urgent+high, web)", () => supervisor.conversations.list({ status: ["handoff"], priority: ["urgent", "high"], channel: ["web"], limit: 50 })],
  ["view counts (agent)", () => agent.conversations.viewCounts()],
  ["search a common word (supervisor)", () => supervisor.conversations.list({ search: vocabulary[0]!, limit: 50 })],
  ["search a rare word", (i) => supervisor.conversations.list({ search: vocabulary[1500 + (i % 1000)]!, limit: 50 })],
  ["search a phrase", (i) => supervisor.conversations.list({ search: `"${vocabulary[i % 40]} ${vocabulary[(i + 1) % 40]}"`, limit: 50 })],
  ["search a prefix as typed (agent)", (i) => agent.conversations.list({ search: vocabulary[200 + (i % 500)]!.slice(0, 4), limit: 50 })],
];
let baseline = NaN;
for (const [name, task] of cases) {
  const figures = await measure(task);
  if (Number.isNaN(baseline)) baseline = figures.p99;
  console.log(`${name.padEnd(44)} p50 ${ms(figures.p50).padStart(10)}  p99 ${ms(figures.p99).padStart(10)}  p99 ×${(figures.p99 / baseline).toFixed(1)} baseline`);
}
await database.close();
