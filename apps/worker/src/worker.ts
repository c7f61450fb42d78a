import { createRequire } from "node:module";
import path from "node:path";
import { Client } from "@temporalio/client";
import { NativeConnection, Worker, type WorkerOptions } from "@temporalio/worker";
import type { PayloadCodec } from "@parley/workflows/codec";
import { createActivities, type ActivityDeps } from "@parley/activities";
import { dbEnv, type Db } from "@parley/db";
import { loadWorkflowBundle } from "./workflow-bundle";
import { TRACING_WORKFLOW_MODULES, tracingWorkerOptions, type Tracing } from "./tracing";
import { withWorkflowStackTraces } from "./workflow-stack-traces";

const require = createRequire(import.meta.url);

export interface ConversationWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  db: Db;
  /** Activity settings besides the database (e.g. the hosts HTTP request nodes may call). */
  activityDeps?: Omit<ActivityDeps, "db">;
  /**
   * Encrypts what the worker hands Temporal (AesGcmPayloadCodec of @parley/workflows/codec): main.ts
   * always passes one, with the API's keys; tests pass one when they look at the history.
   */
  payloadCodec?: PayloadCodec;
  /** Extra Worker options (tests tune caching and name workers, benches tune concurrency, main.ts the shutdown grace). */
  /** OpenTelemetry (startTracing): the workflow bundle gets the SDK's interceptors, activities continue the trace. */
  tracing?: Tracing;
  /**
   * Keep Temporal's per-promise stack traces in workflows (the UI's stack trace query): costs a
   * third of the workflow thread's CPU per message, so off unless asked (workflow-stack-traces.ts).
   */
  workflowStackTraces?: boolean;
  tuning?: Partial<Pick<WorkerOptions, "maxCachedWorkflows" | "maxConcurrentWorkflowTaskExecutions" | "maxConcurrentLocalActivityExecutions" | "shutdownGraceTime" | "identity">>;
}

/**
 * How long a stopping worker process (SIGTERM on a deploy) lets activities in flight finish before
 * it cancels them: under Kubernetes' default 30 s termination grace, so they finish rather than
 * being killed. main.ts sets it; in-process test workers keep the SDK's 0 and stop at once.
 */
export const SHUTDOWN_GRACE_TIME = "20s";

/**
 * A worker that runs conversation workflows and Parley's activities against `db`. The workflow
 * bundle is cached in the data directory (see loadWorkflowBundle), so a restart polls again fast.
 */
export async function createConversationWorker(options: ConversationWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? "default",
    taskQueue: options.taskQueue,
    workflowBundle: withWorkflowStackTraces(
      await loadWorkflowBundle(
        require.resolve("@parley/workflows/workflows"),
        path.join(dbEnv.dataDir, "cache"),
        options.tracing ? TRACING_WORKFLOW_MODULES : [],
      ),
      options.workflowStackTraces ?? false,
    ),
    ...(options.tracing ? tracingWorkerOptions(options.tracing) : {}),
    activities: createActivities({
      // Retention and erasure delete workflow histories through the worker's own connection.
      temporalClient: workerClient(options),
      ...options.activityDeps,
      db: options.db,
    }),
    // Codecs run outside the workflow sandbox, so the cached bundle does not depend on them.
    ...(options.payloadCodec ? { dataConverter: { payloadCodecs: [options.payloadCodec] } } : {}),
    // A cached conversation's next task waits this long for this worker before any worker may
    // take it: after a crash, a restarted worker carries on within seconds instead of 10.
    stickyQueueScheduleToStartTimeout: "3 seconds",
    ...options.tuning,
  });
}

/** A Temporal client over the worker's connection, with its namespace and payload codec. */
export function workerClient(options: Pick<ConversationWorkerOptions, "connection" | "namespace" | "payloadCodec">): Client {
  return new Client({
    connection: options.connection,
    namespace: options.namespace ?? "default",
    ...(options.payloadCodec ? { dataConverter: { payloadCodecs: [options.payloadCodec] } } : {}),
  });
}
