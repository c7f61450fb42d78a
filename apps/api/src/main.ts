import { Client, Connection } from "@temporalio/client";
import { createDb } from "@parley/db";
import { apiEnv } from "./env";
import { createApiServer } from "./server";

const db = await createDb();
const workspace = await db.workspace.findUnique({ where: { slug: apiEnv.PARLEY_WORKSPACE } });
if (!workspace) {
  console.error(`workspace "${apiEnv.PARLEY_WORKSPACE}" does not exist; run the database seed first`);
  process.exit(1);
}
const connection = await Connection.connect({ address: apiEnv.TEMPORAL_ADDRESS });
const temporal = new Client({ connection, namespace: apiEnv.TEMPORAL_NAMESPACE });

const server = createApiServer({
  context: { db, temporal, taskQueue: apiEnv.TEMPORAL_TASK_QUEUE, workspaceId: workspace.id },
  corsOrigins: apiEnv.API_CORS_ORIGINS.split(",").map((origin) => origin.trim()),
});
server.listen(apiEnv.API_PORT, apiEnv.API_HOST, () => {
  console.log(`api listening on http://localhost:${apiEnv.API_PORT}/trpc`);
});

// A bad request must never take the server down; log anything that escapes and keep serving.
process.on("unhandledRejection", (reason) => console.error("[api] unhandled rejection:", reason));

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    void Promise.all([connection.close(), db.$disconnect()]).finally(() => process.exit(0));
  });
}
