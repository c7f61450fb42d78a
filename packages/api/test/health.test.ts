import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, Connection } from "@temporalio/client";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import type { Worker } from "@temporalio/worker";
import { createConversationWorker } from "@parley/worker";
import { appRouter, createCallerFactory } from "../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { asPerson, testServices } from "../../../test/support/api";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";

// The health page's procedure against a real Temporal dev server, a real worker polling the task
// queue and a real database; and against a Temporal that is not there, which must not fail the page.
let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: Worker;
let running: Promise<void>;
const taskQueue = uniqueTaskQueue("health-test");
const createCaller = createCallerFactory(appRouter);

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db, tuning: { identity: "worker-one@health-test" } });
  running = worker.run();
  const { workspaceId, publishedVersionId, agentId } = database.seed;
  const contact = await database.db.contact.create({ data: { workspaceId, name: "Queue" } });
  const handedOff = (n: number, data: { team: string; assigneeId?: string; test?: boolean }) =>
    database.db.conversation.create({ data: { workspaceId, contactId: contact.id, flowVersionId: publishedVersionId, workflowId: `wf-health-${n}`, status: "handoff", ...data } });
  await Promise.all([
    handedOff(1, { team: "Billing" }),
    handedOff(2, { team: "Billing" }),
    handedOff(3, { team: "Returns" }),
    handedOff(4, { team: "Returns", assigneeId: agentId }),
    handedOff(5, { team: "Returns", test: true }),
  ]);
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await database?.close();
});

describe("health.status", () => {
  it("reports the database, the workers polling the task queue, voice engines and queue depths", async () => {
    const services = { ...testServices(database, env.client, taskQueue), voiceEngines: { stt: "whisper", tts: "espeak-ng" } };
    const api = createCaller(asPerson(services, database, "admin"));
    // Temporal lists a poller once it has polled: ask until the worker shows.
    await expect
      .poll(async () => {
        const { temporal } = await api.health.status();
        return temporal.ok ? temporal.detail.workers.map((w) => [w.identity, [...w.polls].sort()]) : [];
      }, { timeout: 20_000 })
      .toEqual([["worker-one@health-test", ["activity", "workflow"]]]);
    const health = await api.health.status();
    expect(health.api.ok).toBe(true);
    expect(health.database).toMatchObject({ ok: true, detail: { kind: database.url.startsWith("file:") ? "sqlite" : "postgres" } });
    expect(health.temporal).toMatchObject({ ok: true, detail: { taskQueue, namespace: "default" } });
    expect(health.voice).toEqual({ stt: "whisper", tts: "espeak-ng" });
    expect(health.queues).toEqual([
      { team: "Billing", waiting: 2 },
      { team: "Returns", waiting: 1 },
    ]);
  });

  it("answers with Temporal down, saying so, and refuses supervisors", async () => {
    const nowhere = new Client({ connection: Connection.lazy({ address: "127.0.0.1:1" }) });
    const api = createCaller(asPerson(testServices(database, nowhere, taskQueue), database, "admin"));
    const health = await api.health.status();
    expect(health.temporal).toMatchObject({ ok: false });
    expect(health.database.ok).toBe(true);
    expect(health.voice).toBeNull();
    const supervisor = createCaller(asPerson(testServices(database, env.client, taskQueue), database, "supervisor"));
    await expect(supervisor.health.status()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
