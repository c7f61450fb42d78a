/**
 * Chaos: conversations keep writing while the worker is killed (SIGKILL) and restarted 10 times
 * and the Temporal server is restarted 3 times. Every message the client saw acknowledged must
 * be stored exactly once and in order; a send that failed is sent again by the client under the
 * same client message id and must still be stored once. Prints lost / duplicated / recovery.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { Connection } from "@temporalio/client";
import { createApiServer } from "@parley/api-server";
import { signIn, testClient, testServices } from "../support/api";
import { createTestDatabase, type TestDatabase } from "../support/database";
import { TemporalServerProcess, startWorkerProcess, stopProcess } from "../support/processes";
import { testPayloadKeys } from "../support/payload-keys";
import { uniqueTaskQueue } from "../support/temporal";
import { echoFlow } from "../support/echo-flow";

const CONVERSATIONS = 20;
const WORKER_KILLS = 10;
/** After these kills the Temporal server is restarted too (3 times in all). */
const SERVER_RESTARTS_AFTER = new Set([3, 6, 9]);
/** Each conversation sends this many more messages once the chaos is over. */
const MESSAGES_AFTER_CHAOS = 3;
/** A client gives up on one message after this long (the test then fails). */
const CLIENT_PATIENCE_MS = 180_000;


const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-chaos-"));
let temporal: TemporalServerProcess | undefined;
let database: TestDatabase | undefined;
let worker: ChildProcess | undefined;
let connection: Connection | undefined;
let server: ReturnType<typeof createApiServer> | undefined;

afterAll(async () => {
  if (worker) await stopProcess(worker, "SIGKILL");
  if (server) await new Promise((resolve) => server!.close(resolve));
  await connection?.close();
  await temporal?.stop("SIGKILL");
  await database?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe("chaos: worker kills and Temporal restarts under load", () => {
  it("stores every acknowledged message exactly once and in order", { timeout: 900_000 }, async () => {
    temporal = await TemporalServerProcess.start(dir);
    database = await createTestDatabase();
    const taskQueue = uniqueTaskQueue("chaos");
    // The worker process encrypts Temporal payloads; the in-process API's client holds the same key.
    const payloadKeys = testPayloadKeys();
    const workerEnv = { ...payloadKeys.env, DATABASE_URL: database.url, TEMPORAL_ADDRESS: temporal.address, TEMPORAL_TASK_QUEUE: taskQueue };
    worker = await startWorkerProcess(workerEnv);

    connection = await Connection.connect({ address: temporal.address });
    server = createApiServer({ services: testServices(database, payloadKeys.client(connection), taskQueue) });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The admin publishes the flow; each customer then talks with its conversation's token.
    const api = testClient(baseUrl, { cookie: await signIn(baseUrl) });

    const { id: flowId } = await api.flows.create.mutate({ name: "Echo (chaos)" });
    await api.flows.saveDraft.mutate({ id: flowId, graph: echoFlow });
    await api.flows.publish.mutate({ id: flowId });
    const conversationIds = await Promise.all(
      Array.from({ length: CONVERSATIONS }, async () => (await api.conversations.start.mutate({ flowId })).conversationId),
    );

    const acknowledged = new Map<string, string[]>(conversationIds.map((id) => [id, []]));
    const ackTimes: number[] = [];
    let failedSends = 0;
    let chaosOver = false;

    /** A patient client: sends each message until it is acknowledged, always under the same id. */
    async function converse(conversationId: string, index: number) {
      let afterChaos = 0;
      for (let m = 0; afterChaos < MESSAGES_AFTER_CHAOS; m++) {
        if (chaosOver) afterChaos++;
        const text = `c${index} m${m}`;
        const clientMessageId = `c${index}-m${m}`;
        const giveUpAt = Date.now() + CLIENT_PATIENCE_MS;
        for (;;) {
          try {
            const turn = await api.conversations.send.mutate({ conversationId, text, clientMessageId });
            expect(turn.replies[0]?.text).toBe(`You said ${text}`);
            acknowledged.get(conversationId)!.push(text);
            ackTimes.push(Date.now());
            break;
          } catch (err) {
            failedSends++;
            if (Date.now() > giveUpAt) throw new Error(`${clientMessageId} was never acknowledged: ${String(err)}`);
            await sleep(250);
          }
        }
      }
    }

    /** Waits until `count` more messages have been acknowledged (traffic flows again), or 60 s. */
    async function trafficFlows(count: number) {
      const target = ackTimes.length + count;
      for (const giveUpAt = Date.now() + 60_000; ackTimes.length < target && Date.now() < giveUpAt; ) await sleep(50);
    }

    async function chaos() {
      const kills: number[] = [];
      for (let kill = 1; kill <= WORKER_KILLS; kill++) {
        // Each fault strikes a system that has recovered from the last one and is busy.
        await trafficFlows(CONVERSATIONS);
        await sleep((kill * 613) % 1000);
        kills.push(Date.now());
        await stopProcess(worker!, "SIGKILL");
        if (SERVER_RESTARTS_AFTER.has(kill)) {
          await temporal!.stop("SIGTERM");
          await temporal!.start();
        }
        const booting = Date.now();
        worker = await startWorkerProcess(workerEnv);
        boots.push(Date.now() - booting);
      }
      chaosOver = true;
      return kills;
    }
    const boots: number[] = [];

    const [kills] = await Promise.all([chaos(), ...conversationIds.map((id, index) => converse(id, index))]);

    // What the database holds, per conversation: the customer's words in order, each once.
    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    for (const [conversationId, sent] of acknowledged) {
      const stored = await database.db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" } });
      const customer = stored.filter((message) => message.author === "contact").map((message) => message.text);
      const counts = new Map<string, number>();
      for (const text of customer) counts.set(text, (counts.get(text) ?? 0) + 1);
      lost += sent.filter((text) => !counts.has(text)).length;
      duplicated += [...counts.values()].filter((count) => count > 1).length;
      if (JSON.stringify([...new Set(customer)]) !== JSON.stringify(sent)) outOfOrder++;
      const replies = stored.filter((message) => message.author === "bot" && message.text.startsWith("You said "));
      duplicated += replies.length - new Set(replies.map((reply) => reply.text)).size;
    }
    // Recovery: from each kill to the next acknowledged message.
    const recoveries = kills.map((at) => (ackTimes.filter((time) => time > at).sort((a, b) => a - b)[0] ?? Infinity) - at);
    const total = [...acknowledged.values()].reduce((sum, sent) => sum + sent.length, 0);
    console.log(
      `chaos: ${CONVERSATIONS} conversations, ${total} messages acknowledged, ${WORKER_KILLS} worker SIGKILLs, ` +
        `${SERVER_RESTARTS_AFTER.size} Temporal restarts, ${failedSends} sends retried by clients; ` +
        `lost ${lost}, duplicated ${duplicated}, out of order ${outOfOrder}; ` +
        `recovery after a kill (first message answered) p50 ${(median(recoveries) / 1000).toFixed(1)} s, ` +
        `max ${(Math.max(...recoveries) / 1000).toFixed(1)} s, of which the worker's restart p50 ${(median(boots) / 1000).toFixed(1)} s`,
    );
    expect({ lost, duplicated, outOfOrder }).toEqual({ lost: 0, duplicated: 0, outOfOrder: 0 });
    expect(total).toBeGreaterThanOrEqual(CONVERSATIONS * MESSAGES_AFTER_CHAOS);
  });
});
