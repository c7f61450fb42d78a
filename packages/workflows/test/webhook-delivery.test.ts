import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporal } from "@temporalio/proto";
import { createSecretBox, generateWebhookSecret, webhookSecretName } from "@parley/db";
import { webhookDeliveryWorkflowId, WebhookDispatcher } from "@parley/activities";
import type { WebhookDeliveryResult } from "../src";
import { conversationHarness } from "./support/harness";

/**
 * A webhook endpoint that is down for good: the delivery retries with exponential backoff for
 * hours (the time-skipping server makes those hours pass at once), then gives up cleanly.
 */
const secretsKey = randomBytes(32);
const harness = conversationHarness({
  server: "time-skipping",
  taskQueuePrefix: "webhook-delivery-test",
  worker: { activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"], secretBox: createSecretBox(secretsKey) } },
});
let endpoint: http.Server;
let endpointUrl: string;
let requests = 0;

beforeAll(async () => {
  endpoint = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      requests++;
      res.writeHead(500).end("down");
    });
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/hooks`;
});

afterAll(async () => {
  await new Promise((resolve) => endpoint?.close(resolve));
});

describe("webhookDelivery", () => {
  it("retries a failing endpoint with exponential backoff over about eight hours, 12 attempts, then gives up", async () => {
    const { db, seed } = harness.database;
    const id = randomUUID();
    const sealed = createSecretBox(secretsKey).seal(seed.workspaceId, webhookSecretName(id), generateWebhookSecret());
    await db.webhookSubscription.create({
      data: { id, workspaceId: seed.workspaceId, url: endpointUrl, eventTypes: ["conversation.created"], secretIv: Buffer.from(sealed.iv), secretTag: Buffer.from(sealed.tag), secretData: Buffer.from(sealed.data) },
    });
    const event = await db.webhookEvent.create({ data: { workspaceId: seed.workspaceId, source: "test", subscriptionId: id } });
    await new WebhookDispatcher({ db, client: harness.client, taskQueue: harness.taskQueue }).poll();

    const handle = harness.client.workflow.getHandle(webhookDeliveryWorkflowId({ eventRowId: event.id, subscriptionId: id }));
    const result = (await handle.result()) as WebhookDeliveryResult;
    expect(result).toEqual({ outcome: "failed", detail: "webhook answered HTTP 500" });
    expect(requests).toBe(12);
    const attempts = await db.webhookDelivery.findMany({ where: { subscriptionId: id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((row) => [row.attempt, row.outcome, row.responseStatus])).toEqual(Array.from({ length: 12 }, (_, i) => [i + 1, "failed", 500]));

    // In the server's (skipped) time: 30 s doubling to 64 min, then 2 h between attempts.
    const { events } = await handle.fetchHistory();
    const { EventType } = temporal.api.enums.v1;
    const at = (type: temporal.api.enums.v1.EventType) => Number(events!.find((e) => e.eventType === type)!.eventTime!.seconds);
    const hours = (at(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED) - at(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED)) / 3600;
    // 0.5 + 1 + 2 + … + 64 minutes, then 3 × 120: 487.5 minutes, plus each attempt's own moments.
    expect(hours).toBeGreaterThan(8);
    expect(hours).toBeLessThan(8.5);
  });
});
