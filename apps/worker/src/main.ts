import { NativeConnection } from "@temporalio/worker";
import { createDb } from "@parley/db";
import { workerEnv } from "./env";
import { createConversationWorker } from "./worker";

const connection = await NativeConnection.connect({ address: workerEnv.TEMPORAL_ADDRESS });
const db = await createDb();
const worker = await createConversationWorker({
  connection,
  namespace: workerEnv.TEMPORAL_NAMESPACE,
  taskQueue: workerEnv.TEMPORAL_TASK_QUEUE,
  db,
  activityDeps: { httpAllowedHosts: workerEnv.PARLEY_HTTP_ALLOWED_HOSTS },
});

console.log(`worker polling ${workerEnv.TEMPORAL_TASK_QUEUE} on ${workerEnv.TEMPORAL_ADDRESS}`);
// worker.run() resolves after SIGINT/SIGTERM (the SDK installs those handlers) once in-flight
// tasks have drained.
await worker.run();
await db.$disconnect();
await connection.close();
