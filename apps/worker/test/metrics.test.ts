// The real worker process (apps/worker/src/main.ts) with WORKER_METRICS_PORT: one scrape of its
// /metrics holds its own figures (each team's queue, read from the database; process figures)
// and the Temporal SDK's, and parses as Prometheus' text format; a proxied request is refused.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestWorkflowEnvironment } from "@temporalio/testing";
import { freePort, startWorkerProcess, stopProcess } from "../../../test/support/processes";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../test/support/temporal";
import { createTestDatabase, type TestDatabase } from "../../../test/support/database";
import { testPayloadKeys } from "../../../test/support/payload-keys";
import { parsePrometheus, sampleValue } from "../../../test/support/prometheus";

let env: TestWorkflowEnvironment;
let database: TestDatabase;
let worker: ChildProcess | undefined;
let metricsUrl: string;
const taskQueue = uniqueTaskQueue("worker-metrics");

beforeAll(async () => {
  [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const { workspaceId, publishedVersionId, agentId } = database.seed;
  const contact = await database.db.contact.create({ data: { workspaceId, name: "Queue" } });
  const waiting = (n: number, data: { team: string; assigneeId?: string; test?: boolean }) =>
    database.db.conversation.create({ data: { workspaceId, contactId: contact.id, flowVersionId: publishedVersionId, workflowId: `wf-metrics-${n}`, status: "handoff", ...data } });
  // Two wait for Billing; one is already taken, and a test conversation never queues.
  await waiting(1, { team: "Billing" });
  await waiting(2, { team: "Billing" });
  await waiting(3, { team: "Billing", assigneeId: agentId });
  await waiting(4, { team: "Billing", test: true });
  await waiting(5, { team: "Returns" });
  const port = await freePort();
  metricsUrl = `http://127.0.0.1:${port}/metrics`;
  worker = await startWorkerProcess({
    ...testPayloadKeys().env,
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    WORKER_METRICS_PORT: String(port),
  });
});

afterAll(async () => {
  if (worker) await stopProcess(worker, "SIGTERM");
  await env?.teardown();
  await database?.close();
});

describe("the worker's /metrics", () => {
  it("serves team queue depths, process figures and the Temporal SDK's metrics in one scrape", async () => {
    // The SDK reports its pollers once they have polled: scrape until they show.
    let samples = parsePrometheus(await (await fetch(metricsUrl)).text());
    await expect
      .poll(async () => {
        samples = parsePrometheus(await (await fetch(metricsUrl)).text());
        return samples.some((sample) => sample.name.startsWith("temporal_") && sample.labels.task_queue === taskQueue);
      }, { timeout: 20_000 })
      .toBe(true);
    expect(sampleValue(samples, "parley_team_queue_depth", { team: "Billing" })).toBe(2);
    expect(sampleValue(samples, "parley_team_queue_depth", { team: "Returns" })).toBe(1);
    expect(sampleValue(samples, "parley_worker_temporal_metrics_up")).toBe(1);
    expect(sampleValue(samples, "parley_worker_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(samples.some((sample) => sample.name.startsWith("temporal_worker_task_slots_available"))).toBe(true);
  });

  it("refuses a scrape that came through a proxy", async () => {
    expect((await fetch(metricsUrl, { headers: { "x-forwarded-for": "203.0.113.9" } })).status).toBe(403);
    expect((await fetch(metricsUrl.replace("/metrics", "/other"))).status).toBe(404);
  });
});
