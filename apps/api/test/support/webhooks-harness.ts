// The real stack for outbound webhooks: a Temporal dev server, a test database, a conversation
// worker, the API's HTTP server (REST routes) and a loopback receiver that verifies each signature
// as a customer's endpoint would. The SSRF guard's loopback allowance is the worker's
// (`httpAllowedNetworks`), as in the HTTP request node's tests.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "vitest";
import type { Worker } from "@temporalio/worker";
import { createSecretBox, type WebhookEvent } from "@parley/db";
import { verifyWebhookSignature, webhookDeliveryWorkflowId, WebhookDispatcher } from "@parley/activities";
import type { WebhookDeliveryResult } from "@parley/workflows";
import { appRouter, createCallerFactory } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../../test/support/temporal";
import { asPerson, testServices } from "../../../../test/support/api";
import { createTestDatabase } from "../../../../test/support/database";

export const createCaller = createCallerFactory(appRouter);

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  status: number;
}

export async function startWebhooksHarness(name: string) {
  const [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const secretsKey = randomBytes(32);
  const taskQueue = uniqueTaskQueue(name);
  const startWorker = (): Promise<Worker> =>
    createConversationWorker({
      connection: env.nativeConnection,
      taskQueue,
      db: database.db,
      activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"], secretBox: createSecretBox(secretsKey) },
    });
  let worker = await startWorker();
  let running = worker.run();
  const services = testServices(database, env.client, taskQueue, { secretsKey });
  const api = createCaller(asPerson(services, database));
  const server = createApiServer({ services });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const restBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  const received: Received[] = [];
  /** The receiver's copy of each endpoint's secret (path → secret), as a customer stores it. */
  const secrets = new Map<string, string>();
  const waiters: (() => void)[] = [];

  /** A customer's endpoint: verifies the signature, then `/flaky` fails each event twice (503, 429), `/gone` answers 410, `/moved` redirects. */
  function handle(path: string, headers: IncomingHttpHeaders, body: string): { status: number; headers?: Record<string, string> } {
    try {
      verifyWebhookSignature({ body, signature: headers["parley-signature"] as string | undefined, secret: secrets.get(path) ?? "" });
    } catch {
      return { status: 400 };
    }
    if (path === "/gone") return { status: 410 };
    if (path === "/moved") return { status: 302, headers: { location: "/ok" } };
    const earlier = received.filter((request) => request.path === path && request.headers["parley-webhook-id"] === headers["parley-webhook-id"]).length;
    if (path === "/flaky" && earlier === 0) return { status: 503, headers: { "retry-after": "1" } };
    if (path === "/flaky" && earlier === 1) return { status: 429, headers: { "retry-after": "1" } };
    return { status: 200 };
  }

  const receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const path = req.url ?? "/";
      const answer = handle(path, req.headers, body);
      received.push({ path, headers: req.headers, body, verified: answer.status !== 400, status: answer.status });
      res.writeHead(answer.status, answer.headers).end(answer.status === 200 ? "thanks" : "not now");
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

  return {
    env,
    database,
    taskQueue,
    services,
    api,
    restBase,
    received,

    /** Subscribes the receiver's `path` and gives the receiver the secret the answer shows once. */
    async subscribe(path: string, eventTypes: Parameters<typeof api.webhooks.create>[0]["eventTypes"]) {
      const created = await api.webhooks.create({ url: `${receiverBase}${path}`, eventTypes });
      expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      secrets.set(path, created.secret);
      return created;
    },

    /** The stored event a trigger (or a request) wrote, once it is there. */
    async storedEvent(where: { source: string; sourceId?: string; conversationId?: string; subscriptionId?: string }): Promise<WebhookEvent> {
      for (let attempt = 0; attempt < 200; attempt++) {
        const row = await database.db.webhookEvent.findFirst({ where, orderBy: { id: "desc" } });
        if (row) return row;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no webhook event ${JSON.stringify(where)}`);
    },

    /** Waits until the receiver has seen `count` requests for `path` (of the event `eventId`, when given). */
    async requestsTo(path: string, count: number, eventId?: string): Promise<Received[]> {
      const of = () => received.filter((request) => request.path === path && (eventId === undefined || request.headers["parley-webhook-id"] === eventId));
      while (of().length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return of();
    },

    /** One pass of the dispatcher: stored events become delivery workflows. */
    dispatch: () => new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll(),

    deliveryResult: (eventRowId: number, subscriptionId: string) =>
      env.client.workflow.getHandle(webhookDeliveryWorkflowId({ eventRowId, subscriptionId })).result() as Promise<WebhookDeliveryResult>,

    /** Stops the worker as a crash or a deploy would. */
    async stopWorker() {
      worker.shutdown();
      await running;
    },

    /** A new worker on the same task queue, as the process that comes back. */
    async startWorkerAgain() {
      worker = await startWorker();
      running = worker.run();
    },

    async close() {
      await new Promise((resolve) => server.close(resolve));
      await new Promise((resolve) => receiver.close(resolve));
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
    },
  };
}

export type WebhooksHarness = Awaited<ReturnType<typeof startWebhooksHarness>>;
