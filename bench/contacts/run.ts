// bench/contacts: the contacts page's list and search (a word of the name, the start of an
// email, a phone number as typed) and one contact's page over N contacts, each with an email and
// a phone identity and a conversation, p50/p99 through the API's router (as the builder calls
// it), compared with a primary-key lookup in the same run. SQLite by default; on the PostgreSQL
// server of PARLEY_TEST_POSTGRES_URL when it is set.
//
//   ./parley bench contacts  [--contacts N] [--queries Q]
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { Client, Connection } from "@temporalio/client";
import { appRouter, createCallerFactory } from "@parley/api";
import { asPerson, testServices } from "../../test/support/api";
import { createTestDatabase } from "../../test/support/database";
import { ms, summarize } from "../lib/stats";

const { values } = parseArgs({ options: { contacts: { type: "string", default: "100000" }, queries: { type: "string", default: "200" } } });
const N = Number(values.contacts);
const Q = Number(values.queries);

const database = await createTestDatabase();
const { db, seed } = database;
const names = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "John", "Radia", "Ken", "Margaret", "Tim"];
const surnames = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus", "Perlman", "Thompson", "Hamilton", "Berners"];
const phone = (i: number) => `+4420${String(70000000 + i).padStart(8, "0")}`;

const started = performance.now();
const CHUNK = 2000;
for (let from = 0; from < N; from += CHUNK) {
  const rows = Array.from({ length: Math.min(CHUNK, N - from) }, (_, k) => from + k);
  const workspaceId = seed.workspaceId;
  await db.contact.createMany({
    data: rows.map((i) => ({ id: `bc${i}`, workspaceId, name: `${names[i % 12]} ${surnames[Math.floor(i / 12) % 12]}${i}`, email: `person${i}@example.com`, phone: phone(i), createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000) })),
  });
  await db.contactIdentity.createMany({
    data: rows.flatMap((i) => [
      { workspaceId, contactId: `bc${i}`, kind: "email" as const, value: `person${i}@example.com` },
      { workspaceId, contactId: `bc${i}`, kind: "phone" as const, value: phone(i) },
    ]),
  });
  await db.conversation.createMany({
    data: rows.map((i) => ({ id: `bv${i}`, workspaceId, contactId: `bc${i}`, flowVersionId: seed.publishedVersionId, workflowId: `bench-contacts-${i}`, status: "resolved", channel: i % 2 ? "sms" : "web" })),
  });
}
console.log(`${database.kind}: ${N} contacts with ${2 * N} identities and ${N} conversations written in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const services = testServices(database, new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) }), "unused");
const agent = createCallerFactory(appRouter)(asPerson(services, database, "agent"));
const secondPage = (await agent.contacts.list({ limit: 50 })).nextCursor!;
const pick = (i: number) => (i * 7919) % N;

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
  ["baseline: contact by primary key", (i) => db.contact.findUnique({ where: { id: `bc${pick(i)}` } })],
  ["list, first page", () => agent.contacts.list({ limit: 50 })],
  ["list, 2nd page by cursor", () => agent.contacts.list({ limit: 50, cursor: secondPage })],
  ["search a name word (many matches)", (i) => agent.contacts.list({ query: surnames[i % 12]!.slice(0, 5), limit: 50 })],
  ["search an email's start", (i) => agent.contacts.list({ query: `person${pick(i)}@exa`, limit: 50 })],
  ["search a phone as typed", (i) => agent.contacts.list({ query: `+44 20 ${String(70000000 + pick(i)).slice(0, 4)} ${String(70000000 + pick(i)).slice(4)}`, limit: 50 })],
  ["one contact's page (get)", (i) => agent.contacts.get({ id: `bc${pick(i)}` })],
];
let baseline = NaN;
for (const [name, task] of cases) {
  const figures = await measure(task);
  if (Number.isNaN(baseline)) baseline = figures.p99;
  console.log(`${name.padEnd(40)} p50 ${ms(figures.p50).padStart(10)}  p99 ${ms(figures.p99).padStart(10)}  p99 ×${(figures.p99 / baseline).toFixed(1)} baseline`);
}
await database.close();
