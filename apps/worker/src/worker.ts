import { createRequire } from "node:module";
import { NativeConnection, Worker, type WorkerOptions } from "@temporalio/worker";
import { createActivities, type ActivityDeps } from "@parley/activities";
import type { Db } from "@parley/db";

const require = createRequire(import.meta.url);

export interface ConversationWorkerOptions {
  connection: NativeConnection;
  namespace?: string;
  taskQueue: string;
  db: Db;
  /** Activity settings besides the database (e.g. the hosts HTTP request nodes may call). */
  activityDeps?: Omit<ActivityDeps, "db">;
  /** Extra Worker options (tests tune caching, benches tune concurrency, main.ts the shutdown grace). */
  tuning?: Partial<Pick<WorkerOptions, "maxCachedWorkflows" | "maxConcurrentWorkflowTaskExecutions" | "maxConcurrentLocalActivityExecutions" | "shutdownGraceTime">>;
}

/**
 * How long a stopping worker process (SIGTERM on a deploy) lets activities in flight finish before
 * it cancels them: under Kubernetes' default 30 s termination grace, so they finish rather than
 * being killed. main.ts sets it; in-process test workers keep the SDK's 0 and stop at once.
 */
export const SHUTDOWN_GRACE_TIME = "20s";

/** A worker that runs conversation workflows and Parley's activities against `db`. */
export function createConversationWorker(options: ConversationWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: options.connection,
    namespace: options.namespace ?? "default",
    taskQueue: options.taskQueue,
    workflowsPath: require.resolve("@parley/workflows/workflows"),
    activities: createActivities({ ...options.activityDeps, db: options.db }),
    ...options.tuning,
  });
}
