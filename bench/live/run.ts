// bench/live: how long a change takes from its database write to a browser-like subscriber of
// live updates (tRPC over server-sent events, the eventsource client), p50/p99, with S
// subscribers listening at once; the same for an agent's reply reaching the customer's own stream
// (the widget's server-sent events, one stream per conversation, C customers at once); and what
// the feed costs the database while nothing happens.
// SQLite by default; the PostgreSQL server of PARLEY_TEST_POSTGRES_URL when set.
//
//   ./parley bench live  [--writes W] [--subscribers S] [--customers C] [--poll-ms P]
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { performance } from "node:perf_hooks";
import { Client, Connection } from "@temporalio/client";
import { createApiServer } from "@parley/api-server";
import { signIn, testServices } from "../../test/support/api";
import { createTestDatabase } from "../../test/support/database";
import { liveClient, openCustomerStream, recordLiveEvents } from "../../test/support/live";
import { ms, summarize } from "../lib/stats";

const { values } = parseArgs({ options: { writes: { type: "string", default: "300" }, subscribers: { type: "string", default: "20" }, customers: { type: "string", default: "20" }, "poll-ms": { type: "string", default: "300" } } });
const W = Number(values.writes);
const S = Number(values.subscribers);
const C = Number(values.customers);
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

// An agent's reply → the customer's stream: C conversations of a widget channel, each with its
// customer's stream open; each round writes one reply to one of them (as the worker's activity
// would) and measures until that customer's stream delivers it.
const channel = await db.workspaceChannel.create({
  data: { workspaceId: seed.workspaceId, kind: "web_widget", name: "Bench widget", flowId: seed.flowId, publicId: `bench-live-${Date.now()}`, allowedOrigins: ["*"], config: {} },
});
const customers = await Promise.all(
  Array.from({ length: C }, async (_, index) => {
    const row = await db.conversation.create({
      data: { workspaceId: seed.workspaceId, contactId: contact.id, flowVersionId: seed.publishedVersionId, workflowId: `bench-live-c${index}-${Date.now()}`, status: "handoff", workspaceChannelId: channel.id },
    });
    const { token } = await services.tokens.issue({ conversationId: row.id, workspaceId: seed.workspaceId });
    const stream = openCustomerStream(`${baseUrl}/widget/v1/channels/${channel.publicId}/conversations/${row.id}/stream`, { origin: "https://shop.example.com", "x-parley-conversation-token": token });
    await stream.until((events) => events.length > 0);
    return { id: row.id, stream, seq: 0 };
  }),
);
const replyLatencies: number[] = [];
for (let i = 0; i < W; i++) {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * pollMs));
  const customer = customers[i % C]!;
  const before = customer.stream.events.length;
  const written = performance.now();
  await db.message.create({ data: { id: `bench-live-r${i}-${customer.id}`, conversationId: customer.id, seq: ++customer.seq, author: "agent", text: `reply ${i}` } });
  const events = await customer.stream.until((received) => received.length > before, 1000);
  replyLatencies.push(events[before]!.receivedAt - written);
}
const replies = summarize(replyLatencies);
console.log(`  agent reply → customer stream (${C} customers, widget SSE): p50 ${ms(replies.p50)}  p95 ${ms(replies.p95)}  p99 ${ms(replies.p99)}  max ${ms(replies.max)}`);
for (const customer of customers) customer.stream.stop();

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
