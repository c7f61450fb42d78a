// bench/live: how long a change takes from its database write to a browser-like subscriber of
// live updates (tRPC over server-sent events, the eventsource client), p50/p99, with S
// subscribers listening at once; and what the feed costs the database while nothing happens.
// SQLite by default; the PostgreSQL server of PARLEY_TEST_POSTGRES_URL when set.
//
//   ./parley bench live  [--writes W] [--subscribers S] [--poll-ms P]
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { Client, Connection } from "@temporalio/client";
import { createApiServer } from "@parley/api-server";
import { signIn, testServices } from "../../test/support/api";
import { createTestDatabase } from "../../test/support/database";
import { liveClient, recordLiveEvents } from "../../test/support/live";
import { ms, summarize } from "../lib/stats";

const { values } = parseArgs({ options: { writes: { type: "string", default: "300" }, subscribers: { type: "string", default: "20" }, "poll-ms": { type: "string", default: "300" } } });
const W = Number(values.writes);
const S = Number(values.subscribers);
const pollMs = Number(values["poll-ms"]);

const database = await createTestDatabase();
const { db, seed } = database;
// Temporal is never called: the writes below go straight to the database, as the worker's would.
const temporal = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
const services = testServices(database, temporal, "unused", { livePollMs: pollMs });
const server = createApiServer({ services });
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const cookie = await signIn(baseUrl);

const subscribers = Array.from({ length: S }, () => recordLiveEvents(liveClient(baseUrl, cookie)));
await Promise.all(subscribers.map((subscriber) => subscriber.until((events) => events.length > 0)));

const contact = await db.contact.create({ data: { workspaceId: seed.workspaceId, name: "Bench" } });
const conversation = await db.conversation.create({ data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `bench-live-${Date.now()}` } });

// One write at a time, at a random phase of the poll: the latency a person sees, not a burst's.
const latencies: number[] = [];
for (let i = 0; i < W; i++) {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * pollMs));
  const id = `bench-live-m${i}`;
  const written = performance.now();
  await db.message.create({ data: { id, conversationId: conversation.id, seq: i + 1, author: "contact", text: `message ${i}` } });
  const before = subscribers.map((subscriber) => subscriber.events.length);
  await Promise.all(
    subscribers.map(async (subscriber, index) => {
      const events = await subscriber.until((received) => received.slice(before[index]).some((event) => event.kind === "message"), 1000);
      latencies.push(events.slice(before[index]).find((event) => event.kind === "message")!.receivedAt - written);
    }),
  );
}
const summary = summarize(latencies);
console.log(`${database.kind}, poll every ${pollMs} ms, ${S} subscribers over SSE, ${W} writes`);
console.log(`  database write → subscriber: p50 ${ms(summary.p50)}  p95 ${ms(summary.p95)}  p99 ${ms(summary.p99)}  max ${ms(summary.max)}`);

// What the feed costs while nobody writes: its polls (one indexed range query each).
const reads = 200;
const idle = performance.now();
for (let i = 0; i < reads; i++) await services.liveFeed.poll();
console.log(`  one idle poll (id > cursor, nothing new): ${ms((performance.now() - idle) / reads)}`);

for (const subscriber of subscribers) subscriber.stop();
services.liveFeed.close();
server.closeAllConnections();
await new Promise((resolve) => server.close(resolve));
await database.close();
process.exit(0);
