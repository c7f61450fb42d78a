// A saved report delivered on a schedule, end to end: saving it with a schedule creates its
// Temporal Schedule on a real dev server; the schedule, triggered, runs `scheduledReport` on a
// real worker, which stores a signed `report.delivered` event; the webhook dispatcher POSTs it to
// a loopback receiver that verifies the signature. A report scheduled to email addresses goes
// through a loopback SMTP relay (with a password, as SMTP_URL names it) as a CSV attachment and a
// summary. Unscheduling and deleting remove the schedule.
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
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
let relay: SMTPServer;
const mailed: { mail: ParsedMail; to: string[] }[] = [];

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  taskQueue = uniqueTaskQueue("scheduled-reports");
  relay = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "reports" && auth.password === "p@ss") return callback(null, { user: auth.username });
      callback(Object.assign(new Error("bad credentials"), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void simpleParser(Buffer.concat(chunks)).then((mail) => {
          mailed.push({ mail, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) });
          callback();
        });
      });
    },
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const smtpUrl = `smtp://reports:${encodeURIComponent("p@ss")}@127.0.0.1:${(relay.server.address() as AddressInfo).port}`;
  worker = await createConversationWorker({
    connection: env.nativeConnection,
    taskQueue,
    db: database.db,
    activityDeps: { httpAllowedNetworks: ["127.0.0.1/32"], secretBox: createSecretBox(secretsKey), reportMail: { smtpUrl, from: "Parley Reports <reports@parley.test>" } },
  });
  running = worker.run();
  api = createCaller(asPerson({ ...testServices(database, env.client, taskQueue, { secretsKey }), mailsReports: true }, database));
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
  await new Promise<void>((resolve) => (relay ? relay.close(() => resolve()) : resolve()));
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

  it("emails a scheduled report to its addresses: the rows as a CSV attachment and a summary", async () => {
    await api.conversations.start({ flowId: database.seed.flowId });
    const { id } = await api.reports.save({
      name: "Volume by channel",
      definition: { metric: "conversations", groupBy: "channel", grain: "none" },
      days: 7,
      schedule: { every: "weekly", emails: ["Lead@Example.test", "ops@example.test", "lead@example.test"] },
    });
    // Stored as given, lower-cased and once each.
    expect((await api.reports.list()).find((report) => report.id === id)?.schedule).toEqual({ every: "weekly", emails: ["lead@example.test", "ops@example.test"] });
    const started = await env.client.workflow.start("scheduledReport", { taskQueue, workflowId: `report-email-test:${id}`, args: [{ reportId: id }] });
    expect(await started.result()).toEqual({ outcome: "emailed", rows: 1, recipients: 2 });

    expect(mailed).toHaveLength(1);
    const [{ mail, to }] = mailed as [(typeof mailed)[number]];
    expect(to.sort()).toEqual(["lead@example.test", "ops@example.test"]);
    expect(mail.from?.value).toEqual([{ name: "Parley Reports", address: "reports@parley.test" }]);
    expect(mail.subject).toMatch(/^Volume by channel: \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}$/);
    expect(mail.headers.get("auto-submitted")).toBe("auto-generated");
    expect(mail.text).toContain("Conversations started");
    // Every conversation this file started (the webhook test's and this one) is on the web channel.
    const count = await database.db.analyticsEvent.count({ where: { workspaceId: database.seed.workspaceId, type: "started", channel: "web" } });
    expect(mail.text).toContain(`web: ${count}`);
    expect(mail.html).toContain("<td>web</td>");
    expect(mail.attachments).toHaveLength(1);
    const [csv] = mail.attachments;
    expect(csv!.contentType).toBe("text/csv");
    expect(csv!.filename).toMatch(/^volume-by-channel-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv!.content.toString("utf8")).toBe(`"channel","channel id","conversations"\n"web","web","${count}"\n`);
  });

  it("refuses email delivery when outgoing mail is not configured, and bad addresses", async () => {
    const definition = { metric: "resolved", groupBy: "none", grain: "day" } as const;
    const noMail = createCaller(asPerson(testServices(database, env.client, taskQueue, { secretsKey }), database));
    const refused = await noMail.reports.save({ name: "Unmailable", definition, schedule: { every: "daily", emails: ["a@example.test"] } }).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("SMTP_URL") });
    expect((await noMail.reports.catalog()).email).toBe(false);
    expect((await api.reports.catalog()).email).toBe(true);
    const bad = await api.reports.save({ name: "Bad address", definition, schedule: { every: "daily", emails: ["not an address"] } }).catch((err: unknown) => err);
    expect(bad).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("each recipient must be an email address") });
    const endpoint = await api.webhooks.create({ url: receiverUrl, eventTypes: ["contact.updated"] });
    const both = await api.reports.save({ name: "Both", definition, schedule: { every: "daily", emails: ["a@example.test"], webhookId: endpoint.id } }).catch((err: unknown) => err);
    expect(both).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("one of the two") });
    expect(await database.db.savedReport.count({ where: { name: { in: ["Unmailable", "Bad address", "Both"] } } })).toBe(0);
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
