// Outbound webhooks end to end: a real conversation's events, stored by the database triggers,
// dispatched into delivery workflows on a real Temporal dev server, POSTed to a loopback receiver
// that verifies each signature as a customer's endpoint would. The SSRF guard's loopback
// allowance is the worker's (`httpAllowedNetworks`), as in the HTTP request node's tests.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createSecretBox, type WebhookEvent } from "@parley/db";
import { verifyWebhookSignature, webhookDeliveryWorkflowId, WebhookDispatcher, type WebhookPayload } from "@parley/activities";
import type { WebhookDeliveryResult } from "@parley/workflows";
import { appRouter, AutomationEngine, createCallerFactory, generateApiKey, type ApiServices } from "@parley/api";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let taskQueue: string;
let worker: Worker;
let running: Promise<void>;
let services: ApiServices;
let server: ReturnType<typeof createApiServer>;
let restBase: string;
let receiver: Server;
let receiverBase: string;
const secretsKey = randomBytes(32);
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  verified: boolean;
  status: number;
}
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

function startWorker() {
  return createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"], secretBox: createSecretBox(secretsKey) },
  });
}

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  taskQueue = uniqueTaskQueue("webhooks-test");
  worker = await startWorker();
  running = worker.run();
  services = testServices(database, env.client, taskQueue, { secretsKey });
  api = createCaller(asPerson(services, database));
  server = createApiServer({ services });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  restBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  receiver = createServer((req, res) => {
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
  receiverBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await new Promise((resolve) => receiver?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

/** Subscribes the receiver's `path` and gives the receiver the secret the answer shows once. */
async function subscribe(path: string, eventTypes: Parameters<typeof api.webhooks.create>[0]["eventTypes"]) {
  const created = await api.webhooks.create({ url: `${receiverBase}${path}`, eventTypes });
  expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  secrets.set(path, created.secret);
  return created;
}

/** The stored event a trigger (or a request) wrote, once it is there. */
async function storedEvent(where: { source: string; sourceId?: string; conversationId?: string; subscriptionId?: string }): Promise<WebhookEvent> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const row = await database.db.webhookEvent.findFirst({ where, orderBy: { id: "desc" } });
    if (row) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no webhook event ${JSON.stringify(where)}`);
}

/** Waits until the receiver has seen `count` requests for `path` (of the event `eventId`, when given). */
async function requestsTo(path: string, count: number, eventId?: string): Promise<Received[]> {
  const of = () => received.filter((request) => request.path === path && (eventId === undefined || request.headers["parley-webhook-id"] === eventId));
  while (of().length < count) await new Promise<void>((resolve) => waiters.push(resolve));
  return of();
}

const deliveryResult = (eventRowId: number, subscriptionId: string) =>
  env.client.workflow.getHandle(webhookDeliveryWorkflowId({ eventRowId, subscriptionId })).result() as Promise<WebhookDeliveryResult>;

describe("outbound webhooks", () => {
  it("delivers a conversation's start once, signed, through two failures and a worker restart", async () => {
    const subscription = await subscribe("/flaky", ["conversation.created"]);
    const { conversationId } = await api.conversations.start({ flowId: database.seed.flowId });
    const event = await storedEvent({ source: "started", conversationId });

    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    // The first attempt has failed: the worker stops, and the process that restarts finds the event
    // not marked dispatched (as after a crash in between) and dispatches it again.
    await requestsTo("/flaky", 1);
    worker.shutdown();
    await running;
    await database.db.webhookEvent.update({ where: { id: event.id }, data: { dispatchedAt: null } });
    worker = await startWorker();
    running = worker.run();
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();

    expect(await deliveryResult(event.id, subscription.id)).toEqual({ outcome: "delivered", detail: "HTTP 200" });
    const requests = await requestsTo("/flaky", 3, `evt_${event.id}`);
    expect(requests.map((request) => request.status)).toEqual([503, 429, 200]);
    expect(requests.every((request) => request.verified)).toBe(true);
    expect(new Set(requests.map((request) => request.headers["parley-webhook-id"]))).toEqual(new Set([`evt_${event.id}`]));
    const payload = JSON.parse(requests[2]!.body) as WebhookPayload;
    expect(payload).toMatchObject({ id: `evt_${event.id}`, type: "conversation.created", workspaceId: database.seed.workspaceId, data: { conversation: { id: conversationId } } });
    // Every request of one event carries the same body; only the signature's timestamp changes.
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);

    const log = await api.webhooks.deliveries({ id: subscription.id });
    expect(log.map(({ attempt, outcome, responseStatus }) => ({ attempt, outcome, responseStatus }))).toEqual([
      { attempt: 3, outcome: "delivered", responseStatus: 200 },
      { attempt: 2, outcome: "failed", responseStatus: 429 },
      { attempt: 1, outcome: "failed", responseStatus: 503 },
    ]);
    expect(log[0]!.responseBody).toBe("thanks");
    // Message events were stored too (the workspace has a subscription) but nobody asked for them.
    const messages = await database.db.webhookEvent.count({ where: { source: "message", conversationId } });
    expect(messages).toBeGreaterThan(0);
    expect(received.filter((request) => request.body.includes('"message.created"'))).toEqual([]);
    await api.webhooks.delete({ id: subscription.id });
  });

  it("sends a test event and redelivers it with the same event id", async () => {
    const subscription = await subscribe("/ok", ["contact.updated"]);
    const { eventId } = await api.webhooks.sendTest({ id: subscription.id });
    const test = await storedEvent({ source: "test", subscriptionId: subscription.id });
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    expect(await deliveryResult(test.id, subscription.id)).toMatchObject({ outcome: "delivered" });

    const { requestId } = await api.webhooks.redeliver({ id: subscription.id, eventId });
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    expect(await deliveryResult(requestId, subscription.id)).toMatchObject({ outcome: "delivered" });
    const requests = await requestsTo("/ok", 2, eventId);
    expect(requests.map((request) => request.headers["parley-webhook-id"])).toEqual([eventId, eventId]);
    expect(JSON.parse(requests[1]!.body)).toMatchObject({ id: eventId, type: "webhook.test" });
    expect(requests.every((request) => request.verified && request.status === 200)).toBe(true);
    await api.webhooks.delete({ id: subscription.id });
  });

  it("tells a contact's change to the subscribers of contact.updated", async () => {
    const subscription = await subscribe("/contacts", ["contact.updated"]);
    const { workspaceId } = database.seed;
    const contact = await database.db.contact.create({ data: { workspaceId, name: "Ada", identities: { create: { workspaceId, kind: "phone", value: "+442079460958" } } } });
    await database.db.contact.update({ where: { id: contact.id }, data: { email: "ada@example.com" } });
    const event = await storedEvent({ source: "contact", sourceId: contact.id });
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    expect(await deliveryResult(event.id, subscription.id)).toMatchObject({ outcome: "delivered" });
    const [request] = await requestsTo("/contacts", 1, `evt_${event.id}`);
    expect(JSON.parse(request!.body)).toMatchObject({
      type: "contact.updated",
      data: { contact: { id: contact.id, name: "Ada", email: "ada@example.com", identities: [{ kind: "phone", value: "+442079460958" }] } },
    });
    await api.webhooks.delete({ id: subscription.id });
  });

  it("delivers an automation rule's call to the one endpoint it names, signed, with the rule and the conversation", async () => {
    // Subscribed to nothing: only the rule's action sends it anything.
    const subscription = await subscribe("/automation", ["contact.updated"]);
    const engine = new AutomationEngine({ db: database.db, temporal: env.client }, { taskQueue });
    await engine.poll(); // the cursor starts at the feed's end
    const rule = await api.automation.create({
      name: "Tell the CRM about refunds",
      event: "message.received",
      conditions: [{ type: "textContains", text: "refund" }],
      actions: [{ type: "callWebhook", subscriptionId: subscription.id }],
    });
    const { conversationId } = await api.conversations.start({ flowId: database.seed.flowId });
    await api.conversations.send({ conversationId, text: "I want a refund" });
    let event: WebhookEvent | null = null;
    for (let attempt = 0; attempt < 100 && !event; attempt++) {
      await engine.poll();
      event = await database.db.webhookEvent.findFirst({ where: { source: "automation", conversationId } });
      if (!event) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(event?.subscriptionId).toBe(subscription.id);
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    expect(await deliveryResult(event!.id, subscription.id)).toMatchObject({ outcome: "delivered" });
    const [request] = await requestsTo("/automation", 1, `evt_${event!.id}`);
    expect(request!.verified).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      type: "automation.rule",
      data: { rule: { id: rule.id, name: "Tell the CRM about refunds", event: "message.received" }, conversation: { id: conversationId } },
    });
    await api.automation.delete({ id: rule.id });
    await api.webhooks.delete({ id: subscription.id });
  });

  it("switches a subscription off when its endpoint answers 410 Gone", async () => {
    const subscription = await subscribe("/gone", ["conversation.created"]);
    await api.webhooks.sendTest({ id: subscription.id });
    const test = await storedEvent({ source: "test", subscriptionId: subscription.id });
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    expect(await deliveryResult(test.id, subscription.id)).toMatchObject({ outcome: "failed" });
    expect(await requestsTo("/gone", 1)).toHaveLength(1);
    const [listed] = (await api.webhooks.list()).filter((row) => row.id === subscription.id);
    expect(listed).toMatchObject({ enabled: false, disabledReason: "the endpoint answered 410 Gone" });
    expect((await api.webhooks.deliveries({ id: subscription.id })).map((row) => row.outcome)).toEqual(["gone"]);
    await expect(api.webhooks.sendTest({ id: subscription.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("does not follow a redirect: the attempt is refused, not retried", async () => {
    const subscription = await subscribe("/moved", ["conversation.created"]);
    await api.webhooks.sendTest({ id: subscription.id });
    const test = await storedEvent({ source: "test", subscriptionId: subscription.id });
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    expect(await deliveryResult(test.id, subscription.id)).toMatchObject({ outcome: "failed" });
    const log = await api.webhooks.deliveries({ id: subscription.id });
    expect(log.map((row) => [row.attempt, row.outcome, row.responseBody])).toEqual([[1, "refused", "the endpoint answered with a redirect: point the webhook at the final URL"]]);
    expect(received.filter((request) => request.path === "/ok" && request.headers["parley-webhook-id"] === `evt_${test.id}`)).toEqual([]);
    await api.webhooks.delete({ id: subscription.id });
  });

  it("refuses the cloud metadata address at once, whatever the allowed networks", async () => {
    const created = await api.webhooks.create({ url: "http://169.254.169.254/latest/meta-data/", eventTypes: ["conversation.created"] });
    await api.webhooks.sendTest({ id: created.id });
    const test = await storedEvent({ source: "test", subscriptionId: created.id });
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    expect(await deliveryResult(test.id, created.id)).toMatchObject({ outcome: "failed", detail: expect.stringMatching(/metadata/) });
    const log = await api.webhooks.deliveries({ id: created.id });
    expect(log.map((row) => [row.attempt, row.outcome])).toEqual([[1, "refused"]]);
  });
});

describe("webhooks over the REST API", () => {
  async function call(method: string, path: string, key: string, body?: unknown) {
    const response = await fetch(`${restBase}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
  async function adminKey(workspaceId: string) {
    const { key, prefix, hash } = generateApiKey();
    await database.db.apiKey.create({ data: { workspaceId, name: "webhooks", scope: "admin", prefix, hash } });
    return key;
  }

  it("creates, lists and deletes with an admin key; another workspace's key finds nothing", async () => {
    const key = await adminKey(database.seed.workspaceId);
    const created = await call("POST", "/webhooks", key, { url: "https://hooks.example.com/parley", eventTypes: ["message.created", "sla.breached"] });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ url: "https://hooks.example.com/parley", eventTypes: ["message.created", "sla.breached"], enabled: true, secret: expect.stringMatching(/^whsec_/) });
    const id = created.body.id as string;
    const listed = await call("GET", "/webhooks", key);
    expect((listed.body.webhooks as { id: string; secret?: string }[]).find((row) => row.id === id)).toEqual(expect.not.objectContaining({ secret: expect.anything() }));

    const other = await database.db.workspace.create({ data: { name: "Elsewhere", slug: "elsewhere-webhooks" } });
    const otherKey = await adminKey(other.id);
    expect((await call("DELETE", `/webhooks/${id}`, otherKey)).status).toBe(404);
    expect((await call("GET", "/webhooks", otherKey)).body.webhooks).toEqual([]);
    expect(await createCaller(asPerson(services, database)).webhooks.deliveries({ id })).toEqual([]);

    expect((await call("DELETE", `/webhooks/${id}`, key)).status).toBe(200);
    expect((await call("DELETE", `/webhooks/${id}`, key)).status).toBe(404);
  });

  it("answers 400 to an unknown event type and to URLs it will not call", async () => {
    const key = await adminKey(database.seed.workspaceId);
    const before = await database.db.webhookSubscription.count();
    for (const body of [
      { url: "https://hooks.example.com/x", eventTypes: ["conversation.exploded"] },
      { url: "https://hooks.example.com/x", eventTypes: [] },
      { url: "not a url", eventTypes: ["message.created"] },
      { url: "ftp://hooks.example.com/x", eventTypes: ["message.created"] },
      { url: "https://user:password@hooks.example.com/x", eventTypes: ["message.created"] },
    ]) {
      const { status } = await call("POST", "/webhooks", key, body);
      expect(status, JSON.stringify(body)).toBe(400);
    }
    expect(await database.db.webhookSubscription.count()).toBe(before);
  });
});
