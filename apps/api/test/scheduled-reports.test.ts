// A saved report delivered on a schedule, end to end: saving it with a schedule creates its
// Temporal Schedule on a real dev server; the schedule, triggered, runs `scheduledReport` on a
// real worker, which stores a signed `report.delivered` event; the webhook dispatcher POSTs it to
// a loopback receiver that verifies the signature. Unscheduling and deleting remove the schedule.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScheduleNotFoundError } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createSecretBox } from "@parley/db";
import { verifyWebhookSignature, WebhookDispatcher, type WebhookPayload } from "@parley/activities";
import { appRouter, createCallerFactory } from "@parley/api";
import { reportScheduleId } from "@parley/analytics";
import { createConversationWorker } from "@parley/worker";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let taskQueue: string;
let worker: Worker;
let running: Promise<void>;
let receiver: Server;
let receiverUrl: string;
const secretsKey = randomBytes(32);
const received: { body: string; signature: string }[] = [];
const createCaller = createCallerFactory(appRouter);
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  taskQueue = uniqueTaskQueue("scheduled-reports");
  worker = await createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"], secretBox: createSecretBox(secretsKey) },
  });
  running = worker.run();
  api = createCaller(asPerson(testServices(database, env.client, taskQueue, { secretsKey }), database));
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      received.push({ body, signature: String(req.headers["parley-signature"] ?? "") });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/reports`;
});

afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

const scheduleOf = (reportId: string) => env.client.schedule.getHandle(reportScheduleId(reportId)).describe();

describe("scheduled reports", () => {
  it("delivers a scheduled report to its webhook endpoint, signed, with the rows", async () => {
    const endpoint = await api.webhooks.create({ url: receiverUrl, eventTypes: ["contact.updated"] });
    // Something to count: a conversation started now.
    await api.conversations.start({ flowId: database.seed.flowId });
    const { id } = await api.reports.save({
      name: "Daily volume",
      definition: { metric: "conversations", groupBy: "channel", grain: "none" },
      days: 7,
      schedule: { every: "daily", webhookId: endpoint.id },
    });
    const schedule = await scheduleOf(id);
    expect(schedule.spec.calendars?.length ?? 0).toBeGreaterThan(0); // the cron, as Temporal stores it
    expect(schedule.action).toMatchObject({ type: "startWorkflow", workflowType: "scheduledReport", args: [{ reportId: id }] });

    await env.client.schedule.getHandle(reportScheduleId(id)).trigger();
    let event = null;
    for (let attempt = 0; attempt < 200 && !event; attempt++) {
      event = await database.db.webhookEvent.findFirst({ where: { source: "report", sourceId: { startsWith: `${id}@` } } });
      if (!event) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(event?.subscriptionId).toBe(endpoint.id);
    await new WebhookDispatcher({ db: database.db, client: env.client, taskQueue }).poll();
    await expect.poll(() => received.length).toBe(1);
    const [delivery] = received;
    verifyWebhookSignature({ body: delivery!.body, signature: delivery!.signature, secret: endpoint.secret });
    const payload = JSON.parse(delivery!.body) as WebhookPayload;
    expect(payload).toMatchObject({
      id: `evt_${event!.id}`,
      type: "report.delivered",
      data: { report: { id, name: "Daily volume", metric: "conversations", groupBy: "channel", every: "daily", days: 7 }, rows: [{ key: "web", value: 1 }] },
    });
  });

  it("refuses an endpoint the workspace does not have, and removes the schedule when unscheduled or deleted", async () => {
    const endpoint = await api.webhooks.create({ url: receiverUrl, eventTypes: ["contact.updated"] });
    const definition = { metric: "resolved", groupBy: "none", grain: "day" } as const;
    const refused = await api.reports.save({ name: "Nowhere", definition, schedule: { every: "weekly", webhookId: "nope" } }).catch((err: unknown) => err);
    expect((refused as { code?: string }).code).toBe("BAD_REQUEST");
    expect(await database.db.savedReport.count({ where: { name: "Nowhere" } })).toBe(0);

    const { id } = await api.reports.save({ name: "Weekly resolved", definition, schedule: { every: "weekly", webhookId: endpoint.id } });
    await scheduleOf(id);
    await api.reports.save({ id, name: "Weekly resolved", definition, schedule: null });
    await expect(scheduleOf(id)).rejects.toBeInstanceOf(ScheduleNotFoundError);
    expect((await api.reports.list()).find((report) => report.id === id)?.schedule).toBeNull();

    await api.reports.save({ id, name: "Weekly resolved", definition, schedule: { every: "weekly", webhookId: endpoint.id } });
    await scheduleOf(id);
    await api.reports.delete({ id });
    await expect(scheduleOf(id)).rejects.toBeInstanceOf(ScheduleNotFoundError);
  });
});
