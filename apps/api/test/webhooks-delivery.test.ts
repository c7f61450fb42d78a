// Outbound webhooks end to end: a real conversation's events, stored by the database triggers,
// dispatched into delivery workflows on a real Temporal dev server, POSTed to a loopback receiver
// that verifies each signature as a customer's endpoint would (support/webhooks-harness.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebhookEvent } from "@parley/db";
import type { WebhookPayload } from "@parley/activities";
import { AutomationEngine } from "@parley/api";
import { startWebhooksHarness, type WebhooksHarness } from "./support/webhooks-harness";

let hooks: WebhooksHarness;
beforeAll(async () => {
  hooks = await startWebhooksHarness("webhooks-delivery");
});
afterAll(() => hooks?.close());

describe("outbound webhooks", () => {
  it("delivers a conversation's start once, signed, through two failures and a worker restart", async () => {
    const subscription = await hooks.subscribe("/flaky", ["conversation.created"]);
    const { conversationId } = await hooks.api.conversations.start({ flowId: hooks.database.seed.flowId });
    const event = await hooks.storedEvent({ source: "started", conversationId });

    await hooks.dispatch();
    // The first attempt has failed: the worker stops, and the process that restarts finds the event
    // not marked dispatched (as after a crash in between) and dispatches it again.
    await hooks.requestsTo("/flaky", 1);
    await hooks.stopWorker();
    await hooks.database.db.webhookEvent.update({ where: { id: event.id }, data: { dispatchedAt: null } });
    await hooks.startWorkerAgain();
    await hooks.dispatch();

    expect(await hooks.deliveryResult(event.id, subscription.id)).toEqual({ outcome: "delivered", detail: "HTTP 200" });
    const requests = await hooks.requestsTo("/flaky", 3, `evt_${event.id}`);
    expect(requests.map((request) => request.status)).toEqual([503, 429, 200]);
    expect(requests.every((request) => request.verified)).toBe(true);
    expect(new Set(requests.map((request) => request.headers["parley-webhook-id"]))).toEqual(new Set([`evt_${event.id}`]));
    const payload = JSON.parse(requests[2]!.body) as WebhookPayload;
    expect(payload).toMatchObject({ id: `evt_${event.id}`, type: "conversation.created", workspaceId: hooks.database.seed.workspaceId, data: { conversation: { id: conversationId } } });
    // Every request of one event carries the same body; only the signature's timestamp changes.
    expect(new Set(requests.map((request) => request.body)).size).toBe(1);

    const log = await hooks.api.webhooks.deliveries({ id: subscription.id });
    expect(log.map(({ attempt, outcome, responseStatus }) => ({ attempt, outcome, responseStatus }))).toEqual([
      { attempt: 3, outcome: "delivered", responseStatus: 200 },
      { attempt: 2, outcome: "failed", responseStatus: 429 },
      { attempt: 1, outcome: "failed", responseStatus: 503 },
    ]);
    expect(log[0]!.responseBody).toBe("thanks");
    // Message events were stored too (the workspace has a subscription) but nobody asked for them.
    const messages = await hooks.database.db.webhookEvent.count({ where: { source: "message", conversationId } });
    expect(messages).toBeGreaterThan(0);
    expect(hooks.received.filter((request) => request.body.includes('"message.created"'))).toEqual([]);
    await hooks.api.webhooks.delete({ id: subscription.id });
  });

  it("sends a test event and redelivers it with the same event id", async () => {
    const subscription = await hooks.subscribe("/ok", ["contact.updated"]);
    const { eventId } = await hooks.api.webhooks.sendTest({ id: subscription.id });
    const test = await hooks.storedEvent({ source: "test", subscriptionId: subscription.id });
    await hooks.dispatch();
    expect(await hooks.deliveryResult(test.id, subscription.id)).toMatchObject({ outcome: "delivered" });

    const { requestId } = await hooks.api.webhooks.redeliver({ id: subscription.id, eventId });
    await hooks.dispatch();
    expect(await hooks.deliveryResult(requestId, subscription.id)).toMatchObject({ outcome: "delivered" });
    const requests = await hooks.requestsTo("/ok", 2, eventId);
    expect(requests.map((request) => request.headers["parley-webhook-id"])).toEqual([eventId, eventId]);
    expect(JSON.parse(requests[1]!.body)).toMatchObject({ id: eventId, type: "webhook.test" });
    expect(requests.every((request) => request.verified && request.status === 200)).toBe(true);
    await hooks.api.webhooks.delete({ id: subscription.id });
  });

  it("tells a contact's change to the subscribers of contact.updated", async () => {
    const subscription = await hooks.subscribe("/contacts", ["contact.updated"]);
    const { workspaceId } = hooks.database.seed;
    const contact = await hooks.database.db.contact.create({ data: { workspaceId, name: "Ada", identities: { create: { workspaceId, kind: "phone", value: "+442079460958" } } } });
    await hooks.database.db.contact.update({ where: { id: contact.id }, data: { email: "ada@example.com" } });
    const event = await hooks.storedEvent({ source: "contact", sourceId: contact.id });
    await hooks.dispatch();
    expect(await hooks.deliveryResult(event.id, subscription.id)).toMatchObject({ outcome: "delivered" });
    const [request] = await hooks.requestsTo("/contacts", 1, `evt_${event.id}`);
    expect(JSON.parse(request!.body)).toMatchObject({
      type: "contact.updated",
      data: { contact: { id: contact.id, name: "Ada", email: "ada@example.com", identities: [{ kind: "phone", value: "+442079460958" }] } },
    });
    await hooks.api.webhooks.delete({ id: subscription.id });
  });

  it("delivers an automation rule's call to the one endpoint it names, signed, with the rule and the conversation", async () => {
    // Subscribed to nothing: only the rule's action sends it anything.
    const subscription = await hooks.subscribe("/automation", ["contact.updated"]);
    const engine = new AutomationEngine({ db: hooks.database.db, temporal: hooks.env.client }, { taskQueue: hooks.taskQueue });
    await engine.poll(); // the cursor starts at the feed's end
    const rule = await hooks.api.automation.create({
      name: "Tell the CRM about refunds",
      event: "message.received",
      conditions: [{ type: "textContains", text: "refund" }],
      actions: [{ type: "callWebhook", subscriptionId: subscription.id }],
    });
    const { conversationId } = await hooks.api.conversations.start({ flowId: hooks.database.seed.flowId });
    await hooks.api.conversations.send({ conversationId, text: "I want a refund" });
    let event: WebhookEvent | null = null;
    for (let attempt = 0; attempt < 100 && !event; attempt++) {
      await engine.poll();
      event = await hooks.database.db.webhookEvent.findFirst({ where: { source: "automation", conversationId } });
      if (!event) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(event?.subscriptionId).toBe(subscription.id);
    await hooks.dispatch();
    expect(await hooks.deliveryResult(event!.id, subscription.id)).toMatchObject({ outcome: "delivered" });
    const [request] = await hooks.requestsTo("/automation", 1, `evt_${event!.id}`);
    expect(request!.verified).toBe(true);
    expect(JSON.parse(request!.body)).toMatchObject({
      type: "automation.rule",
      data: { rule: { id: rule.id, name: "Tell the CRM about refunds", event: "message.received" }, conversation: { id: conversationId } },
    });
    await hooks.api.automation.delete({ id: rule.id });
    await hooks.api.webhooks.delete({ id: subscription.id });
  });
});

describe("outbound webhooks an endpoint refuses, or that are never sent", () => {
  it("switches a subscription off when its endpoint answers 410 Gone", async () => {
    const subscription = await hooks.subscribe("/gone", ["conversation.created"]);
    await hooks.api.webhooks.sendTest({ id: subscription.id });
    const test = await hooks.storedEvent({ source: "test", subscriptionId: subscription.id });
    await hooks.dispatch();
    expect(await hooks.deliveryResult(test.id, subscription.id)).toMatchObject({ outcome: "failed" });
    expect(await hooks.requestsTo("/gone", 1)).toHaveLength(1);
    const [listed] = (await hooks.api.webhooks.list()).filter((row) => row.id === subscription.id);
    expect(listed).toMatchObject({ enabled: false, disabledReason: "the endpoint answered 410 Gone" });
    expect((await hooks.api.webhooks.deliveries({ id: subscription.id })).map((row) => row.outcome)).toEqual(["gone"]);
    await expect(hooks.api.webhooks.sendTest({ id: subscription.id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });

  it("does not follow a redirect: the attempt is refused, not retried", async () => {
    const subscription = await hooks.subscribe("/moved", ["conversation.created"]);
    await hooks.api.webhooks.sendTest({ id: subscription.id });
    const test = await hooks.storedEvent({ source: "test", subscriptionId: subscription.id });
    await hooks.dispatch();
    expect(await hooks.deliveryResult(test.id, subscription.id)).toMatchObject({ outcome: "failed" });
    const log = await hooks.api.webhooks.deliveries({ id: subscription.id });
    expect(log.map((row) => [row.attempt, row.outcome, row.responseBody])).toEqual([[1, "refused", "the endpoint answered with a redirect: point the webhook at the final URL"]]);
    expect(hooks.received.filter((request) => request.path === "/ok" && request.headers["parley-webhook-id"] === `evt_${test.id}`)).toEqual([]);
    await hooks.api.webhooks.delete({ id: subscription.id });
  });

  it("refuses the cloud metadata address at once, whatever the allowed networks", async () => {
    const created = await hooks.api.webhooks.create({ url: "http://169.254.169.254/latest/meta-data/", eventTypes: ["conversation.created"] });
    await hooks.api.webhooks.sendTest({ id: created.id });
    const test = await hooks.storedEvent({ source: "test", subscriptionId: created.id });
    await hooks.dispatch();
    expect(await hooks.deliveryResult(test.id, created.id)).toMatchObject({ outcome: "failed", detail: expect.stringMatching(/metadata/) });
    const log = await hooks.api.webhooks.deliveries({ id: created.id });
    expect(log.map((row) => [row.attempt, row.outcome])).toEqual([[1, "refused"]]);
  });
});
