// The API over real HTTP for the http-*.test.ts files: a Temporal dev server, a test database, a
// conversation worker and the API's HTTP server, with the owner signed in.
import type { AddressInfo } from "node:net";
import { createConversationWorker } from "@parley/worker";
import { createApiServer } from "../../src";
import { startTemporalDevServer, uniqueTaskQueue } from "../../../../test/support/temporal";
import { signIn, testClient, testServices } from "../../../../test/support/api";
import { createTestDatabase } from "../../../../test/support/database";

/** What a tRPC error answer holds, as far as the tests read it. */
type Answer = { status: number; body: { error?: { message: string; data: Record<string, unknown> } } };

export async function startHttpStack(name: string) {
  const [env, database] = await Promise.all([startTemporalDevServer(), createTestDatabase()]);
  const taskQueue = uniqueTaskQueue(name);
  const worker = await createConversationWorker({ connection: env.nativeConnection, taskQueue, db: database.db });
  const running = worker.run();
  const server = createApiServer({ services: testServices(database, env.client, taskQueue) });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** The owner's session: raw calls test input handling, past the authorization point. */
  const cookie = await signIn(baseUrl);

  return {
    database,
    baseUrl,
    /** The owner's tRPC client. */
    api: testClient(baseUrl, { cookie }),

    /** A raw HTTP call, as any client (or attacker) could make it. */
    async post(procedure: string, body: string): Promise<Answer> {
      const response = await fetch(`${baseUrl}/trpc/${procedure}`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body,
      });
      return { status: response.status, body: (await response.json()) as Answer["body"] };
    },

    async get(procedure: string, input: unknown): Promise<Answer> {
      const response = await fetch(`${baseUrl}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } });
      return { status: response.status, body: (await response.json()) as Answer["body"] };
    },

    async close() {
      await new Promise((resolve) => server.close(resolve));
      worker.shutdown();
      await running;
      await env.teardown();
      await database.close();
    },
  };
}

export type HttpStack = Awaited<ReturnType<typeof startHttpStack>>;
